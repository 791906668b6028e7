// class-transformer's @Type, used with these classes, reads decorator metadata.
import 'reflect-metadata';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsString, IsUrl, Matches, MaxLength, ValidateIf } from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';

export const BODY_BLOCK_TYPES = ['paragraph', 'heading', 'list', 'quote', 'image'] as const;
export type BodyBlockType = (typeof BODY_BLOCK_TYPES)[number];

const TEXT_BLOCKS: readonly string[] = ['paragraph', 'heading', 'quote'];
const hasText = (block: BodyBlockData) => TEXT_BLOCKS.includes(block.type);
const isList = (block: BodyBlockData) => block.type === 'list';
const isImage = (block: BodyBlockData) => block.type === 'image';
const given = (value: unknown) => value !== undefined && value !== null;

/**
 * One block of an article's body, in reading order: the structure readers' pages render. Which
 * fields a block has depends on its type: paragraph and heading `text`; list `ordered` and `items`;
 * quote `text` and maybe `cite`; image `url` and maybe `caption` and `credit`. All text is plain
 * (no markup); the plain-text `body` beside the blocks says the same for teasers and search.
 */
export class BodyBlockData {
  @IsIn(BODY_BLOCK_TYPES)
  type: BodyBlockType;

  @ValidateIf(hasText)
  @IsString()
  @Matches(/\S/, { message: 'text must not be blank' })
  @MaxLength(ARTICLE_LIMITS.blockText)
  text?: string;

  @ValidateIf(isList)
  @IsBoolean()
  ordered?: boolean;

  @ValidateIf(isList)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(ARTICLE_LIMITS.listItems)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.blockText, { each: true })
  items?: string[];

  @ValidateIf((block: BodyBlockData) => block.type === 'quote' && given(block.cite))
  @IsString()
  @MaxLength(ARTICLE_LIMITS.cite)
  cite?: string;

  @ValidateIf(isImage)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(ARTICLE_LIMITS.url)
  url?: string;

  @ValidateIf((block: BodyBlockData) => isImage(block) && given(block.caption))
  @IsString()
  @MaxLength(ARTICLE_LIMITS.caption)
  caption?: string;

  @ValidateIf((block: BodyBlockData) => isImage(block) && given(block.credit))
  @IsString()
  @MaxLength(ARTICLE_LIMITS.credit)
  credit?: string;
}

/** People, places and organisations named in an article: found in its text and given by its source. */
export class ArticleEntitiesData {
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.entity, { each: true })
  people: string[];

  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.entity, { each: true })
  places: string[];

  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.entity, { each: true })
  organisations: string[];
}

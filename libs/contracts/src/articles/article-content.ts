import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';
import { ArticleEntitiesData, BodyBlockData } from './body-block';

/** A BCP 47 language tag such as `en`, `pt-BR` or `zh-Hant`. */
export const LANGUAGE_TAG_PATTERN = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

/**
 * What a reader sees of an article and where it came from: shared by the ingest command
 * (`ArticleSubmitted`) and the public events (`ArticlePublished`, `ArticleUpdated`), so the two
 * cannot disagree on a field or a limit.
 */
export class ArticleContentData {
  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.source)
  source: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  sourceId: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.headline)
  headline: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.body)
  body: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section)
  section?: string;

  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.tag, { each: true })
  tags: string[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  byline?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  dateline?: string;

  /** The body as structured blocks, in reading order. Absent from older events: split `body` on blank lines. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.blocks)
  @ValidateNested({ each: true })
  @Type(() => BodyBlockData)
  blocks?: BodyBlockData[];

  /** The summary under the headline, as plain text. */
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.standfirst)
  standfirst?: string;

  /** A plain-text teaser for lists: the standfirst, or the opening of the body cut at a word. */
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.teaser)
  teaser?: string;

  /** The source's own address for the story. */
  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(ARTICLE_LIMITS.url)
  canonicalUrl?: string;

  /** BCP 47 language tag: given by the source, or detected from the text. */
  @IsOptional()
  @IsString()
  @Matches(LANGUAGE_TAG_PATTERN)
  @MaxLength(ARTICLE_LIMITS.language)
  language?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ArticleEntitiesData)
  entities?: ArticleEntitiesData;

  /** Estimated minutes to read the body, at least 1. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(ARTICLE_LIMITS.readingTimeMinutes)
  readingTimeMinutes?: number;
}

import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { ArrayMaxSize, IsArray, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

/** `POST /v1/articles`: an article in Frontpage's native JSON shape. */
export class SubmitArticleDto {
  @IsString()
  @Matches(/\S/, { message: 'headline must not be blank' })
  @MaxLength(ARTICLE_LIMITS.headline)
  headline: string;

  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(ARTICLE_LIMITS.body)
  body: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section)
  section?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.tag, { each: true })
  tags?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  byline?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  dateline?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string;

  /** The source's own revision time; a revision older than the one stored is ignored. */
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedAt?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.source)
  source: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  sourceId: string;
}

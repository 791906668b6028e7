import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';

export const BODY_FORMATS = ['text'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

/**
 * Command on `ingest.articles.v1`: ingest has accepted and normalised an article from a source; the
 * article service decides whether it is new, a new version, a repeat or a late older version.
 */
export class ArticleSubmittedData {
  /** Deterministic id derived from source + sourceId, so ingest can answer with it before storage. */
  @IsUUID()
  articleId: string;

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

  @IsIn(BODY_FORMATS)
  bodyFormat: BodyFormat;

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

  /**
   * When the source says the story was first published (ISO 8601). Absent when the source did not
   * say: the article then keeps the publish time it was first stored with.
   */
  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string;

  /** The source's own revision time, used to ignore an older revision that arrives late. */
  @IsISO8601({ strict: true })
  sourceUpdatedAt: string;

  @IsISO8601({ strict: true })
  receivedAt: string;
}

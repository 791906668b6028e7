import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';
import { ArticleContentData } from './article-content';

/** The format the source gave the body in; `body` itself is always plain text. */
export const BODY_FORMATS = ['text', 'markdown', 'html'] as const;
export type BodyFormat = (typeof BODY_FORMATS)[number];

/**
 * Command on `ingest.articles.v1`: ingest has accepted and normalised an article from a source; the
 * article service decides whether it is new, a new version, a repeat or a late older version.
 */
export class ArticleSubmittedData extends ArticleContentData {
  /** Deterministic id derived from source + sourceId, so ingest can answer with it before storage. */
  @IsUUID()
  articleId: string;

  @IsIn(BODY_FORMATS)
  bodyFormat: BodyFormat;

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

/**
 * Command on `ingest.articles.v1`: the source withdrew (killed) the article. The article service
 * withdraws every version and announces `ArticleWithdrawn`; later submissions of it are ignored.
 */
export class ArticleWithdrawalRequestedData {
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

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  reason?: string;

  @IsISO8601({ strict: true })
  requestedAt: string;
}

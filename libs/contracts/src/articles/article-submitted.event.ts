import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';
import { LANGUAGE_TAG_PATTERN } from './article-snapshot.event';
import { ArticleEntitiesData, BodyBlockData } from './body-block';

/** The format the source gave the body in; `body` itself is always plain text. */
export const BODY_FORMATS = ['text', 'markdown', 'html'] as const;
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

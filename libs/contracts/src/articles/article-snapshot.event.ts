import { IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength, Min } from 'class-validator';
import { ARTICLE_LIMITS } from './article-limits';
import { ArticleContentData } from './article-content';

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * The full state of an article at one version: the data of `ArticlePublished` (version 1) and
 * `ArticleUpdated` (every later version) on `news.articles.v1`. Consumers keep the highest version
 * they have seen and ignore anything older or equal, so redelivery and replays are harmless.
 */
export class ArticleSnapshotData extends ArticleContentData {
  @IsUUID()
  id: string;

  @IsString()
  @Matches(SLUG_PATTERN)
  @MaxLength(ARTICLE_LIMITS.slug)
  slug: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  publishedAt: string;

  /** When this version was made by the article service. */
  @IsISO8601({ strict: true })
  updatedAt: string;
}

export class ArticlePublishedData extends ArticleSnapshotData {}

export class ArticleUpdatedData extends ArticleSnapshotData {}

/** Data of `ArticleWithdrawn`: every version of the article is withdrawn from readers. */
export class ArticleWithdrawnData {
  @IsUUID()
  id: string;

  @IsInt()
  @Min(1)
  version: number;

  @IsISO8601({ strict: true })
  withdrawnAt: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.reason)
  reason?: string;
}

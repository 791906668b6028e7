import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { SLUG_PATTERN } from '../articles/article-snapshot.event';
import { COMMENT_LIMITS } from './comment-limits';

/**
 * Data of `CommentPublished` on the public `news.comments.v1`, keyed by article id: a comment as
 * readers see it, at one revision. Public fields only: never the commenter's email, address, or
 * anything derived from them. A later event for the same comment with a higher revision replaces
 * it (a comment featured after approval is published again).
 */
export class CommentPublishedData {
  @IsUUID()
  commentId: string;

  @IsUUID()
  articleId: string;

  @IsString()
  @Matches(SLUG_PATTERN)
  @MaxLength(200)
  articleSlug: string;

  /** Grows with every change of the comment; consumers keep the highest they have seen. */
  @IsInt()
  @Min(1)
  revision: number;

  /** The comment this one replies to (after depth limiting); absent for a top-level comment. */
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_LIMITS.authorName)
  authorName: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(COMMENT_LIMITS.authorUrl)
  authorUrl?: string;

  /** Sanitised HTML: text, and links with `rel="nofollow ugc"`; nothing else. */
  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_LIMITS.publishedBody)
  body: string;

  @IsBoolean()
  featured: boolean;

  /** When the reader wrote it. */
  @IsISO8601({ strict: true })
  submittedAt: string;

  /** When it became visible. */
  @IsISO8601({ strict: true })
  publishedAt: string;
}

export const COMMENT_REMOVAL_REASONS = ['rejected', 'spam'] as const;
export type CommentRemovalReason = (typeof COMMENT_REMOVAL_REASONS)[number];

/** Data of `CommentRemoved` on `news.comments.v1`: a published comment was taken down by a moderator. */
export class CommentRemovedData {
  @IsUUID()
  commentId: string;

  @IsUUID()
  articleId: string;

  @IsInt()
  @Min(1)
  revision: number;

  @IsIn(COMMENT_REMOVAL_REASONS)
  reason: CommentRemovalReason;

  @IsISO8601({ strict: true })
  removedAt: string;
}

import { IsEmail, IsISO8601, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { SLUG_PATTERN } from '../articles/article-snapshot.event';
import { COMMENT_LIMITS } from './comment-limits';

/**
 * Internal command on `comments.submissions.v1`: a reader's comment as the gateway accepted it,
 * for the comment service to moderate. It carries personal data (email, client address), which is
 * why it never leaves the internal topic: public events carry only `CommentPublishedData`.
 */
export class CommentSubmittedData {
  /** Chosen by the gateway, so the reader gets it in the 202 and redelivery is recognisable. */
  @IsUUID()
  commentId: string;

  @IsString()
  @Matches(SLUG_PATTERN)
  @MaxLength(200)
  articleSlug: string;

  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_LIMITS.authorName)
  authorName: string;

  @IsEmail()
  @MaxLength(COMMENT_LIMITS.authorEmail)
  authorEmail: string;

  @IsOptional()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(COMMENT_LIMITS.authorUrl)
  authorUrl?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_LIMITS.body)
  body: string;

  /** The comment replied to, if any. */
  @IsOptional()
  @IsUUID()
  parentId?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(COMMENT_LIMITS.clientAddress)
  clientAddress: string;

  @IsISO8601({ strict: true })
  submittedAt: string;
}

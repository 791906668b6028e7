import { COMMENT_LIMITS } from '@frontpage/contracts';
import { IsEmail, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';

/** `POST /v1/articles/:slug/comments`: the "Leave a Reply" form. */
export class SubmitCommentDto {
  @IsString()
  @Matches(/\S/, { message: 'authorName must not be blank' })
  @MaxLength(COMMENT_LIMITS.authorName)
  authorName: string;

  /** Never published: kept for moderators and to recognise returning commenters. */
  @IsString()
  @MaxLength(COMMENT_LIMITS.authorEmail)
  @IsEmail({}, { message: 'authorEmail must be an email address' })
  authorEmail: string;

  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_LIMITS.authorUrl)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'authorUrl must be an http(s) URL' })
  authorUrl?: string;

  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(COMMENT_LIMITS.body)
  body: string;

  /** The comment this one replies to. */
  @IsOptional()
  @IsUUID(undefined, { message: 'parentId must be a comment id' })
  parentId?: string;
}

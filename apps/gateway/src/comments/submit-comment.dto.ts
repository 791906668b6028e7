import { COMMENT_LIMITS } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUrl, IsUUID, Matches, MaxLength } from 'class-validator';

/** `POST /v1/articles/:slug/comments`: the "Leave a Reply" form. */
export class SubmitCommentDto {
  @ApiProperty({ maxLength: COMMENT_LIMITS.authorName })
  @IsString()
  @Matches(/\S/, { message: 'authorName must not be blank' })
  @MaxLength(COMMENT_LIMITS.authorName)
  authorName: string;

  /** Never published: kept for moderators and to recognise returning commenters. */
  @ApiProperty({ format: 'email', description: 'Never published' })
  @IsString()
  @MaxLength(COMMENT_LIMITS.authorEmail)
  @IsEmail({}, { message: 'authorEmail must be an email address' })
  authorEmail: string;

  @ApiPropertyOptional({ description: 'An http(s) address' })
  @IsOptional()
  @IsString()
  @MaxLength(COMMENT_LIMITS.authorUrl)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { message: 'authorUrl must be an http(s) URL' })
  authorUrl?: string;

  @ApiProperty({ maxLength: COMMENT_LIMITS.body })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(COMMENT_LIMITS.body)
  body: string;

  /** The comment this one replies to. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID(undefined, { message: 'parentId must be a comment id' })
  parentId?: string;
}

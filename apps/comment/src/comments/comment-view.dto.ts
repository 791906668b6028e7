import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { THREAD_SORTS } from './comment-cursor';
import { QUEUE_STATUSES } from './comment-query.dto';
import { CommentThreads, ModeratorComment, PublicComment } from './comment.view';
import { ModerationQueuePage } from './comment-threads.service';
import { MODERATION_STEPS, type CommentStatus, type ModerationCheck, type ModerationStep } from './moderation/pipeline';

/** The documented shapes of the answers in `comment.view.ts` and the moderation routes. */
export class PublicCommentDto implements PublicComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  parentId: string | null;

  @ApiProperty()
  authorName: string;

  @ApiProperty({ type: String, nullable: true })
  authorUrl: string | null;

  @ApiProperty({ description: 'Sanitised HTML: text and rel="nofollow ugc" links only' })
  body: string;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty()
  featured: boolean;

  @ApiProperty({ minimum: 0 })
  repliesCount: number;

  @ApiProperty({ type: () => [PublicCommentDto] })
  replies: PublicCommentDto[];
}

export class CommentThreadsDto implements CommentThreads {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ type: String, nullable: true })
  articleSlug: string | null;

  @ApiProperty({ description: 'Whether the article takes new comments' })
  open: boolean;

  @ApiProperty({ enum: THREAD_SORTS })
  sort: string;

  @ApiProperty({ minimum: 0, description: 'Approved comments on the article, replies included' })
  total: number;

  @ApiProperty({ type: [PublicCommentDto] })
  items: PublicCommentDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

export class ModerationCheckDto implements ModerationCheck {
  @ApiProperty({ enum: MODERATION_STEPS })
  step: ModerationStep;

  @ApiProperty({ enum: ['pass', 'hold', 'reject'] })
  outcome: 'pass' | 'hold' | 'reject';

  @ApiPropertyOptional({ type: String, description: 'A stable reason, e.g. too-short or banned-word' })
  reason?: ModerationCheck['reason'];

  @ApiPropertyOptional()
  detail?: string;
}

export class ModeratorCommentDto implements ModeratorComment {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  articleId: string | null;

  @ApiProperty()
  articleSlug: string;

  @ApiProperty({ type: String, nullable: true, format: 'uuid' })
  parentId: string | null;

  @ApiProperty({ minimum: 0 })
  depth: number;

  @ApiProperty()
  authorName: string;

  @ApiProperty({ type: String, nullable: true })
  authorUrl: string | null;

  @ApiProperty({ description: 'Shown to moderators only' })
  authorEmail: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ enum: QUEUE_STATUSES })
  status: CommentStatus;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: [ModerationCheckDto] })
  checks: ModerationCheckDto[];

  @ApiProperty()
  featured: boolean;

  @ApiProperty({ minimum: 0 })
  revision: number;

  @ApiProperty({ format: 'date-time' })
  submittedAt: string;

  @ApiProperty({ format: 'date-time' })
  moderatedAt: string;
}

export class ModerationQueuePageDto implements ModerationQueuePage {
  @ApiProperty({ type: [ModeratorCommentDto] })
  items: ModeratorCommentDto[];

  @ApiProperty({ minimum: 0 })
  total: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;
}

class BulkErrorDto {
  @ApiProperty({ example: 'COMMENT.NOT_FOUND' })
  code: string;

  @ApiProperty()
  message: string;
}

export class BulkOutcomeDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiPropertyOptional({ enum: QUEUE_STATUSES, description: 'The status after approval, when it succeeded' })
  status?: string;

  @ApiPropertyOptional({ type: BulkErrorDto, description: 'Why this comment could not be approved' })
  error?: BulkErrorDto;
}

export class BulkResultDto {
  @ApiProperty({ type: [BulkOutcomeDto], description: 'One entry per distinct id, in the order given' })
  results: BulkOutcomeDto[];
}

export class CommentingStatusDto {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty()
  open: boolean;

  @ApiProperty({ type: String, nullable: true, description: 'Why comments are closed, when they are' })
  reason: string | null;
}

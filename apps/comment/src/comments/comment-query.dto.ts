import { CursorQuery, OptionalIntegerQuery } from '@frontpage/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayNotEmpty, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { THREAD_SORTS, ThreadSort } from './comment-cursor';
import type { CommentStatus } from './moderation/pipeline';

export class ThreadQueryDto {
  @ApiPropertyOptional({ enum: THREAD_SORTS, default: 'oldest' })
  @IsOptional()
  @IsIn(THREAD_SORTS)
  sort: ThreadSort = 'oldest';

  @CursorQuery(500)
  cursor?: string;

  @OptionalIntegerQuery({ max: 100 })
  limit?: number;
}

export const QUEUE_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;

export class QueueQueryDto {
  /** Pending by default: what waits for a moderator. */
  @ApiPropertyOptional({ enum: QUEUE_STATUSES, default: 'pending' })
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status: CommentStatus = 'pending';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  articleId?: string;

  @CursorQuery(500)
  cursor?: string;

  @OptionalIntegerQuery({ max: 100 })
  limit?: number;
}

export class BulkApproveDto {
  @ApiProperty({ type: String, isArray: true, format: 'uuid', minItems: 1, maxItems: 100 })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ids: string[];
}

export class FeatureDto {
  /** True (the default) features the comment; false stops featuring it. */
  @ApiPropertyOptional({ nullable: true, default: true, description: 'false stops featuring it; null or absent features it' })
  @IsOptional()
  @IsBoolean()
  featured?: boolean;
}

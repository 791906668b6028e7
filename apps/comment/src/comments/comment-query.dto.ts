import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { THREAD_SORTS, ThreadSort } from './comment-cursor';
import type { CommentStatus } from './moderation/pipeline';

export class ThreadQueryDto {
  @IsOptional()
  @IsIn(THREAD_SORTS)
  sort: ThreadSort = 'oldest';

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export const QUEUE_STATUSES = ['pending', 'approved', 'rejected', 'spam'] as const;

export class QueueQueryDto {
  /** Pending by default: what waits for a moderator. */
  @IsOptional()
  @IsIn(QUEUE_STATUSES)
  status: CommentStatus = 'pending';

  @IsOptional()
  @IsUUID()
  articleId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class BulkApproveDto {
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(100)
  @IsUUID(undefined, { each: true })
  ids: string[];
}

export class FeatureDto {
  /** True (the default) features the comment; false stops featuring it. */
  @IsOptional()
  @IsBoolean()
  featured?: boolean;
}

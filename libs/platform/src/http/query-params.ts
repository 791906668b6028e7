import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export interface IntegerQueryOptions {
  min?: number;
  max: number;
  /** Documented only: the DTO's initialiser, or the service behind it, supplies it. */
  default?: number;
  description?: string;
}

/** An optional whole number in a query string (`?limit=20`): converted, bounded and documented alike. */
export function OptionalIntegerQuery({ min = 1, max, default: fallback, description }: IntegerQueryOptions): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: 'integer', minimum: min, maximum: max, default: fallback, description }),
    IsOptional(),
    Type(() => Number),
    IsInt(),
    Min(min),
    Max(max),
  );
}

/** An optional opaque page cursor: the previous page's `nextCursor`. */
export function CursorQuery(maxLength: number): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ maxLength, description: "The previous page's nextCursor" }),
    IsOptional(),
    IsString(),
    MaxLength(maxLength),
  );
}

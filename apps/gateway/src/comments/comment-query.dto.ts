import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const COMMENT_SORTS = ['oldest', 'newest', 'top'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

export class CommentQueryDto {
  @ApiPropertyOptional({ enum: COMMENT_SORTS, default: 'oldest' })
  @IsOptional()
  @IsIn(COMMENT_SORTS)
  sort?: CommentSort;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

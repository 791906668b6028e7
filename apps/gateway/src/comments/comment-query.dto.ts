import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export const COMMENT_SORTS = ['oldest', 'newest', 'top'] as const;
export type CommentSort = (typeof COMMENT_SORTS)[number];

export class CommentQueryDto {
  @IsOptional()
  @IsIn(COMMENT_SORTS)
  sort?: CommentSort;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  cursor?: string;
}

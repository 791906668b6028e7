import { CursorQuery, OptionalIntegerQuery } from '@frontpage/platform';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class FeedQueryDto {
  @OptionalIntegerQuery({ max: 100, default: 20 })
  limit = 20;

  @CursorQuery(200)
  cursor?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'world' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  section?: string;

  @ApiPropertyOptional({ maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tag?: string;
}

export class SearchQueryDto {
  @ApiProperty({ maxLength: 200, example: 'harbour bridge' })
  @IsString()
  @MaxLength(200)
  q: string;

  @OptionalIntegerQuery({ max: 100, default: 20 })
  limit = 20;

  @CursorQuery(300)
  cursor?: string;
}

export class MostCommentedQueryDto {
  @OptionalIntegerQuery({ max: 100, default: 10 })
  limit = 10;

  /** Overrides the configured window, in hours. */
  @OptionalIntegerQuery({ max: 24 * 365, description: 'Overrides the configured window' })
  hours?: number;
}

export class RelatedQueryDto {
  @OptionalIntegerQuery({ max: 20, default: 4 })
  limit = 4;
}

import { CursorQuery, OptionalIntegerQuery } from '@frontpage/platform';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches, MaxLength } from 'class-validator';

export class FeedQueryDto {
  @OptionalIntegerQuery({ max: 100, default: 20 })
  limit?: number;

  @CursorQuery(200)
  cursor?: string;
}

export class SearchQueryDto {
  @ApiProperty({ description: 'Keywords; stemmed, stop words ignored', example: 'harbour bridge' })
  @IsString()
  @Matches(/\S/, { message: 'q must not be blank' })
  @MaxLength(200)
  q: string;

  @OptionalIntegerQuery({ max: 100, default: 20 })
  limit?: number;

  @CursorQuery(300)
  cursor?: string;
}

export class MostCommentedQueryDto {
  @OptionalIntegerQuery({ max: 100, default: 10 })
  limit?: number;

  @OptionalIntegerQuery({ max: 24 * 365, description: 'Window in hours (default: the feed service setting, 24)' })
  hours?: number;
}

export class RelatedQueryDto {
  @OptionalIntegerQuery({ max: 20, default: 4 })
  limit?: number;
}

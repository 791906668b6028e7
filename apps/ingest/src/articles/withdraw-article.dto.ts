import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { MaxLength } from 'class-validator';

/** `DELETE /v1/articles/:source/:sourceId`: the same limits as a submission's source and sourceId. */
export class WithdrawArticleParamsDto {
  @ApiProperty({ maxLength: ARTICLE_LIMITS.source, example: 'wire' })
  @MaxLength(ARTICLE_LIMITS.source)
  source: string;

  @ApiProperty({ maxLength: ARTICLE_LIMITS.sourceId, example: 'story-1234' })
  @MaxLength(ARTICLE_LIMITS.sourceId)
  sourceId: string;
}

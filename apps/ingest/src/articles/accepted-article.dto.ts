import { ApiProperty } from '@nestjs/swagger';
import { AcceptedArticle } from './article-intake.service';

/** The documented shape of a 202: the command is on Kafka; the article service versions and publishes it. */
export class AcceptedArticleDto implements AcceptedArticle {
  @ApiProperty({ format: 'uuid', description: 'The article id, derived from source + sourceId' })
  id: string;

  @ApiProperty({ enum: ['accepted', 'withdrawal-requested'] })
  status: 'accepted' | 'withdrawal-requested';
}

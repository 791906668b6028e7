import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { ArticlesService } from './articles.service';

@Controller()
export class ArticleSubmittedHandler {
  constructor(private readonly articles: ArticlesService) {}

  @EventPattern(Topics.IngestArticles)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.IngestArticles>): Promise<void> {
    switch (event.type) {
      case 'ArticleSubmitted':
        await this.articles.applySubmission(event.data);
        return;
      case 'ArticleWithdrawalRequested':
        await this.articles.applyWithdrawal(event.data);
        return;
    }
  }
}

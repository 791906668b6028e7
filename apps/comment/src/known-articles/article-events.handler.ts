import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { KnownArticlesService } from './known-articles.service';

@Controller()
export class ArticleEventsHandler {
  constructor(private readonly knownArticles: KnownArticlesService) {}

  @EventPattern(Topics.NewsArticles)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.NewsArticles>): Promise<void> {
    switch (event.type) {
      case 'ArticlePublished':
      case 'ArticleUpdated':
        return this.knownArticles.recordSnapshot(event.data);
      case 'ArticleWithdrawn':
        return this.knownArticles.recordWithdrawal(event.data);
    }
  }
}

import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { FeedService } from './feed.service';

@Controller()
export class ArticleEventsHandler {
  constructor(private readonly feed: FeedService) {}

  @EventPattern(Topics.NewsArticles)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.NewsArticles>): Promise<void> {
    switch (event.type) {
      case 'ArticlePublished':
      case 'ArticleUpdated':
        return this.feed.applySnapshot(event.data);
      case 'ArticleWithdrawn':
        return this.feed.applyWithdrawal(event.data);
    }
  }
}

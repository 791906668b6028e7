import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleEventsHandler } from './article-events.handler';
import { FeedController } from './feed.controller';
import { FeedItemRepository } from './feed-item.repository';
import { FeedItem, FeedItemSchema } from './feed-item.schema';
import { FeedService } from './feed.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: FeedItem.name, schema: FeedItemSchema }])],
  controllers: [FeedController, ArticleEventsHandler],
  providers: [FeedItemRepository, FeedService],
})
export class FeedModule {}

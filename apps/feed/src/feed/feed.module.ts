import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleEventsHandler } from './article-events.handler';
import { CommentEventsHandler } from './comment-events.handler';
import { CommentMark, CommentMarkSchema } from './comment-mark.schema';
import { CommentMarkRepository } from './comment-mark.repository';
import { FeedController } from './feed.controller';
import { FeedItemRepository } from './feed-item.repository';
import { FeedItem, FeedItemSchema } from './feed-item.schema';
import { FeedService } from './feed.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: FeedItem.name, schema: FeedItemSchema },
      { name: CommentMark.name, schema: CommentMarkSchema },
    ]),
  ],
  controllers: [FeedController, ArticleEventsHandler, CommentEventsHandler],
  providers: [FeedItemRepository, CommentMarkRepository, FeedService],
})
export class FeedModule {}

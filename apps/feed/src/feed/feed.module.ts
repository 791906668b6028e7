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
import { RelatedService } from './related.service';
import { SearchTerm, SearchTermSchema } from './search-term.schema';
import { SearchTermRepository } from './search-term.repository';
import { SearchService } from './search.service';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: FeedItem.name, schema: FeedItemSchema },
      { name: CommentMark.name, schema: CommentMarkSchema },
      { name: SearchTerm.name, schema: SearchTermSchema },
    ]),
  ],
  controllers: [FeedController, ArticleEventsHandler, CommentEventsHandler],
  providers: [FeedItemRepository, CommentMarkRepository, SearchTermRepository, FeedService, SearchService, RelatedService],
})
export class FeedModule {}

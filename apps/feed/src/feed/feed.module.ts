import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleEventsHandler } from './article-events.handler';
import { CommentEventsHandler } from './comment-events.handler';
import { CommentMarkRepository } from './comment-mark.repository';
import { FeedController } from './feed.controller';
import { FeedItemRepository } from './feed-item.repository';
import { FeedService } from './feed.service';
import { ListBucketRepository } from './list-bucket.repository';
import {
  COMMENT_MARKS,
  FEED_ITEMS,
  LIST_BUCKETS,
  ProjectionCollection,
  ProjectionGenerations,
  SEARCH_TERMS,
} from './projection/projection-generations';
import { ProjectionState, ProjectionStateSchema } from './projection/projection-state.schema';
import { ProjectionStateRepository } from './projection/projection-state.repository';
import { RelatedService } from './related.service';
import { SearchTermRepository } from './search-term.repository';
import { SearchService } from './search.service';

// The projection's collections exist once per generation, so their models are made by
// ProjectionGenerations rather than registered here; only the pointer is a plain collection.
@Module({
  imports: [MongooseModule.forFeature([{ name: ProjectionState.name, schema: ProjectionStateSchema }])],
  controllers: [FeedController, ArticleEventsHandler, CommentEventsHandler],
  providers: [
    ProjectionStateRepository,
    ProjectionGenerations,
    {
      provide: ListBucketRepository,
      inject: [ProjectionGenerations],
      useFactory: (generations: ProjectionGenerations) => new ListBucketRepository(new ProjectionCollection(generations, LIST_BUCKETS)),
    },
    {
      provide: FeedItemRepository,
      inject: [ProjectionGenerations, ListBucketRepository],
      useFactory: (generations: ProjectionGenerations, buckets: ListBucketRepository) =>
        new FeedItemRepository(new ProjectionCollection(generations, FEED_ITEMS), buckets),
    },
    {
      provide: CommentMarkRepository,
      inject: [ProjectionGenerations],
      useFactory: (generations: ProjectionGenerations) => new CommentMarkRepository(new ProjectionCollection(generations, COMMENT_MARKS)),
    },
    {
      provide: SearchTermRepository,
      inject: [ProjectionGenerations, ListBucketRepository],
      useFactory: (generations: ProjectionGenerations, buckets: ListBucketRepository) =>
        new SearchTermRepository(new ProjectionCollection(generations, SEARCH_TERMS), buckets),
    },
    FeedService,
    SearchService,
    RelatedService,
  ],
  exports: [ProjectionGenerations, ProjectionStateRepository, FeedService, FeedItemRepository, SearchTermRepository],
})
export class FeedModule {}

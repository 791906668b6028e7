import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticlesModule } from '../articles/articles.module';
import { FeedEntryRepository } from './feed-entry.repository';
import { FeedEntry, FeedEntrySchema } from './feed-entry.schema';
import { FeedPollClaimRepository } from './feed-poll-claim.repository';
import { FeedPollClaim, FeedPollClaimSchema } from './feed-poll-claim.schema';
import { FeedSourceRepository } from './feed-source.repository';
import { FeedSource, FeedSourceSchema } from './feed-source.schema';
import { SourcePoller } from './source-poller.service';
import { SourcesController } from './sources.controller';
import { SourcesService } from './sources.service';

/** Publishers' feeds (`/v1/sources`) and the poller that turns their entries into articles. */
@Module({
  imports: [
    ArticlesModule,
    MongooseModule.forFeature([
      { name: FeedSource.name, schema: FeedSourceSchema },
      { name: FeedEntry.name, schema: FeedEntrySchema },
      { name: FeedPollClaim.name, schema: FeedPollClaimSchema },
    ]),
  ],
  controllers: [SourcesController],
  providers: [FeedSourceRepository, FeedEntryRepository, FeedPollClaimRepository, SourcesService, SourcePoller],
})
export class SourcesModule {}

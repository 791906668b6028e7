import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { FeedConfig } from './feed.config';
import { FeedModule } from './feed/feed.module';
import { ListBucketsBackfill } from './feed/list-buckets-backfill';

@Module({
  imports: [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), MessagingModule, FeedModule],
  providers: [ListBucketsBackfill],
})
export class FeedServiceModule {}

import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { FeedConfig } from './feed.config';
import { FeedModule } from './feed/feed.module';

/** The feed's projection code with its configuration, store and Kafka client, for `npm run feed:rebuild`. */
@Module({
  imports: [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), MessagingModule, FeedModule],
})
export class FeedRebuildModule {}

import 'reflect-metadata';
import { KafkaEventServer } from '@frontpage/messaging';
import { bootstrapService } from '@frontpage/platform';
import { FeedServiceModule } from './feed-service.module';

void bootstrapService({
  name: 'feed',
  module: FeedServiceModule,
  consumer: (app) => app.get(KafkaEventServer),
});

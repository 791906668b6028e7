import 'reflect-metadata';
import { KafkaEventServer } from '@frontpage/messaging';
import { bootstrapService } from '@frontpage/platform';
import { FeedServiceModule } from './feed-service.module';

void bootstrapService({
  name: 'feed',
  module: FeedServiceModule,
  consumer: (app) => app.get(KafkaEventServer),
  openApi: {
    title: 'Frontpage feed',
    description:
      'The read model of published articles: the latest teasers (by section or tag), search, related stories, most commented and ' +
      'the list of sections (the gateway reads them).',
  },
});

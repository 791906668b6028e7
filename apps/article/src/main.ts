import 'reflect-metadata';
import { bootstrapService } from '@frontpage/platform';
import { KafkaEventServer } from '@frontpage/messaging';
import { ArticleModule } from './article.module';

void bootstrapService({
  name: 'article',
  module: ArticleModule,
  consumer: (app) => app.get(KafkaEventServer),
  openApi: {
    title: 'Frontpage article',
    description: 'The owner of articles: the current version of one article, by id or slug (the gateway reads it).',
  },
});

import 'reflect-metadata';
import { KafkaEventServer } from '@frontpage/messaging';
import { bootstrapService } from '@frontpage/platform';
import { CommentServiceModule } from './comment-service.module';

void bootstrapService({
  name: 'comment',
  module: CommentServiceModule,
  consumer: (app) => app.get(KafkaEventServer),
});

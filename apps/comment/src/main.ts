import 'reflect-metadata';
import { KafkaEventServer } from '@frontpage/messaging';
import { bootstrapService } from '@frontpage/platform';
import { CommentServiceModule } from './comment-service.module';

void bootstrapService({
  name: 'comment',
  module: CommentServiceModule,
  consumer: (app) => app.get(KafkaEventServer),
  openApi: {
    title: 'Frontpage comment',
    description:
      "The owner of comments: published threads and whether an article takes comments (the gateway reads them), and the moderators' " +
      'queue and decisions. Comments are submitted through the gateway.',
    bearerAuth: 'The moderator token (MODERATOR_TOKEN), for the moderation routes',
  },
});

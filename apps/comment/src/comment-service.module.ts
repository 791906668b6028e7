import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { CommentConfig } from './comment.config';
import { CommentsModule } from './comments/comments.module';
import { KnownArticlesModule } from './known-articles/known-articles.module';

@Module({
  imports: [
    ServiceConfigModule.forService('comment', CommentConfig),
    PlatformModule,
    StoreModule.forRoot(),
    MessagingModule,
    KnownArticlesModule,
    CommentsModule,
  ],
})
export class CommentServiceModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownArticlesModule } from '../known-articles/known-articles.module';
import { AwaitingArticleMetrics } from './awaiting-article/awaiting-article.metrics';
import { AwaitingArticleService } from './awaiting-article/awaiting-article.service';
import { AwaitingComment, AwaitingCommentSchema } from './awaiting-article/awaiting-comment.schema';
import { AwaitingCommentRepository } from './awaiting-article/awaiting-comment.repository';
import { CommentModerationService } from './comment-moderation.service';
import { CommentNewsPublisher } from './comment-news.publisher';
import { CommentSubmittedHandler } from './comment-submitted.handler';
import { CommentThreadsService } from './comment-threads.service';
import { Comment, CommentSchema } from './comment.schema';
import { CommentRepository } from './comment.repository';
import { ModerationController } from './moderation.controller';
import { ModeratorGuard } from './moderator.guard';
import { ThreadsController } from './threads.controller';

@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Comment.name, schema: CommentSchema },
      { name: AwaitingComment.name, schema: AwaitingCommentSchema },
    ]),
    KnownArticlesModule,
  ],
  controllers: [ThreadsController, ModerationController, CommentSubmittedHandler],
  providers: [
    CommentRepository,
    CommentModerationService,
    CommentThreadsService,
    CommentNewsPublisher,
    ModeratorGuard,
    AwaitingCommentRepository,
    AwaitingArticleMetrics,
    AwaitingArticleService,
  ],
})
export class CommentsModule {}

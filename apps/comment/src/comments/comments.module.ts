import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { KnownArticlesModule } from '../known-articles/known-articles.module';
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
  imports: [MongooseModule.forFeature([{ name: Comment.name, schema: CommentSchema }]), KnownArticlesModule],
  controllers: [ThreadsController, ModerationController, CommentSubmittedHandler],
  providers: [CommentRepository, CommentModerationService, CommentThreadsService, CommentNewsPublisher, ModeratorGuard],
})
export class CommentsModule {}

import { Module } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { BodyParsers } from '../http/body-parsers';
import { SubmissionLimit } from '../http/submission-limit.interceptor';
import { ArticleIntakeService } from './article-intake.service';
import { ArticlesController } from './articles.controller';

@Module({
  controllers: [ArticlesController],
  providers: [ArticleIntakeService, ApiKeyGuard, BodyParsers, SubmissionLimit],
  exports: [ArticleIntakeService, ApiKeyGuard, SubmissionLimit],
})
export class ArticlesModule {}

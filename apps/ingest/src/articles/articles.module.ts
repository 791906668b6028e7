import { Module } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { BodyParsers } from '../http/body-parsers';
import { ArticleIntakeService } from './article-intake.service';
import { ArticlesController } from './articles.controller';

@Module({
  controllers: [ArticlesController],
  providers: [ArticleIntakeService, ApiKeyGuard, BodyParsers],
  exports: [ArticleIntakeService, ApiKeyGuard],
})
export class ArticlesModule {}

import { Module } from '@nestjs/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { ArticleIntakeService } from './article-intake.service';
import { ArticlesController } from './articles.controller';

@Module({
  controllers: [ArticlesController],
  providers: [ArticleIntakeService, ApiKeyGuard],
})
export class ArticlesModule {}

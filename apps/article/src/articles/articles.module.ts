import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleBandKeyRepository } from './article-band-key.repository';
import { ArticleRepository } from './article.repository';
import { Article, ArticleSchema } from './article.schema';
import { ArticleSubmittedHandler } from './article-submitted.handler';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';
import { NearDuplicateFinder } from './near-duplicate-finder';

@Module({
  imports: [MongooseModule.forFeature([{ name: Article.name, schema: ArticleSchema }])],
  controllers: [ArticlesController, ArticleSubmittedHandler],
  providers: [ArticleRepository, ArticleBandKeyRepository, NearDuplicateFinder, ArticlesService],
})
export class ArticlesModule {}

import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleRepository } from './article.repository';
import { Article, ArticleSchema } from './article.schema';
import { ArticleSubmittedHandler } from './article-submitted.handler';
import { ArticlesController } from './articles.controller';
import { ArticlesService } from './articles.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: Article.name, schema: ArticleSchema }])],
  controllers: [ArticlesController, ArticleSubmittedHandler],
  providers: [ArticleRepository, ArticlesService],
})
export class ArticlesModule {}

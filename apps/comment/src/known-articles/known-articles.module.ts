import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { ArticleEventsHandler } from './article-events.handler';
import { CommentingController } from './commenting.controller';
import { KnownArticle, KnownArticleSchema } from './known-article.schema';
import { KnownArticleRepository } from './known-article.repository';
import { KnownArticlesService } from './known-articles.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: KnownArticle.name, schema: KnownArticleSchema }])],
  controllers: [CommentingController, ArticleEventsHandler],
  providers: [KnownArticleRepository, KnownArticlesService],
  exports: [KnownArticlesService],
})
export class KnownArticlesModule {}

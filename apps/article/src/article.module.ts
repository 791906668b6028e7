import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { ArticleConfig } from './article.config';
import { ArticlesModule } from './articles/articles.module';

@Module({
  imports: [
    ServiceConfigModule.forService('article', ArticleConfig),
    PlatformModule,
    StoreModule.forRoot(),
    MessagingModule,
    ArticlesModule,
  ],
})
export class ArticleModule {}

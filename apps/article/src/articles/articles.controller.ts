import { Controller, Get, Param } from '@nestjs/common';
import { ArticlesService } from './articles.service';
import { ArticleView, toArticleView } from './article.view';

@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get(':idOrSlug')
  async get(@Param('idOrSlug') idOrSlug: string): Promise<ArticleView> {
    return toArticleView(await this.articles.find(idOrSlug));
  }
}

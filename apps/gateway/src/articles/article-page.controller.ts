import { Controller, Get, Param } from '@nestjs/common';
import { ArticlePage } from './article-page';
import { ArticlePageService } from './article-page.service';

@Controller('v1/articles')
export class ArticlePageController {
  constructor(private readonly pages: ArticlePageService) {}

  @Get(':slug')
  get(@Param('slug') slug: string): Promise<ArticlePage> {
    return this.pages.compose(slug);
  }
}

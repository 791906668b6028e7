import { Controller, Get, Param } from '@nestjs/common';
import { ApiErrors } from '@frontpage/platform';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ArticlesService } from './articles.service';
import { ArticleView, toArticleView } from './article.view';
import { ArticleViewDto } from './article-view.dto';

@ApiTags('articles')
@Controller('v1/articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get(':idOrSlug')
  @ApiOperation({ summary: 'The current version of a published article, by id or slug' })
  @ApiParam({ name: 'idOrSlug', description: 'The article id (a UUID) or its slug', example: 'harbour-bridge-reopens' })
  @ApiOkResponse({ type: ArticleViewDto })
  @ApiErrors([404, 'No published article with this id or slug'])
  async get(@Param('idOrSlug') idOrSlug: string): Promise<ArticleView> {
    return toArticleView(await this.articles.find(idOrSlug));
  }
}

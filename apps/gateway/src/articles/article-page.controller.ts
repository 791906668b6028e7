import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@frontpage/platform';
import { ArticlePage } from './article-page';
import { ArticlePageService } from './article-page.service';

@ApiTags('articles')
@Controller('v1/articles')
export class ArticlePageController {
  constructor(private readonly pages: ArticlePageService) {}

  @Get(':slug')
  @Header('Cache-Control', 'public, max-age=15, stale-while-revalidate=30')
  @ApiOperation({
    summary: 'The article page: the article, You May Also Like, the latest stories and the first page of comments',
    description:
      'Only the article is required: a part whose upstream fails is null, with an entry in `warnings`. ' +
      'The gateway composes a page at most every ARTICLE_PAGE_CACHE_TTL_MS (2 s by default), so the article and its comments ' +
      'may be that much older than their owners (a comment approved by a moderator appears within it); latest and related ' +
      'come from the list cache (LIST_CACHE_TTL_MS, 5 s). When the article service fails, a page composed earlier is served.',
  })
  @ApiParam({ name: 'slug', example: 'harbour-bridge-reopens' })
  @ApiOkResponse({ type: ArticlePage })
  @ApiErrors([404, 'No such article'], 502, 503)
  get(@Param('slug') slug: string): Promise<ArticlePage> {
    return this.pages.compose(slug);
  }
}

import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AcceptedArticle } from '../articles/article-intake.service';
import { mediaType, unsupported } from '../articles/articles.controller';
import { PageQueryDto } from './page-query.dto';
import { PagesService } from './pages.service';

const FORMATS = { 'text/html': 'html', 'text/plain': 'text' } as const;

/** `POST /v1/pages?url=…`: a whole web page (text/html) or its scraped text (text/plain). */
@Controller('v1/pages')
@UseGuards(ApiKeyGuard)
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  submit(
    @Req() request: AuthenticatedRequest,
    @Query() query: PageQueryDto,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<AcceptedArticle> {
    const type = mediaType(contentType);
    if (!(type in FORMATS) || typeof body !== 'string') throw unsupported(contentType, Object.keys(FORMATS));
    return this.pages.submit(request.source, query.url, FORMATS[type as keyof typeof FORMATS], body);
  }
}

import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Query, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { ApiErrors } from '@frontpage/platform';
import { ApiAcceptedResponse, ApiBearerAuth, ApiBody, ApiConsumes, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AcceptedArticleDto } from '../articles/accepted-article.dto';
import { SubmissionLimitInterceptor } from '../http/submission-limit.interceptor';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AcceptedArticle } from '../articles/article-intake.service';
import { mediaType, unsupported } from '../articles/articles.controller';
import { PageQueryDto } from './page-query.dto';
import { PagesService } from './pages.service';

const FORMATS = { 'text/html': 'html', 'text/plain': 'text' } as const;

/** `POST /v1/pages?url=…`: a whole web page (text/html) or its scraped text (text/plain). */
@ApiTags('pages')
@ApiBearerAuth()
@Controller('v1/pages')
@UseGuards(ApiKeyGuard)
export class PagesController {
  constructor(private readonly pages: PagesService) {}

  @Post()
  @UseInterceptors(SubmissionLimitInterceptor)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Submit a whole web page or its scraped text; its story is extracted and submitted as an article' })
  @ApiConsumes(...Object.keys(FORMATS))
  @ApiBody({ schema: { type: 'string' }, description: 'The page as fetched (text/html) or its text (text/plain)' })
  @ApiAcceptedResponse({ type: AcceptedArticleDto })
  @ApiResponse({
    status: 431,
    description: "Request line and headers beyond Node's 16 KB (a very long `url`): refused by the HTTP server itself, in its own shape",
  })
  @ApiErrors(
    400,
    401,
    413,
    415,
    [422, 'No article could be extracted from the page'],
    [503, 'Kafka did not acknowledge in time, or ingest is at capacity (`SERVICE.OVERLOADED`, with Retry-After); safe to retry'],
  )
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

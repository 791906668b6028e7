import { Body, Controller, Delete, Headers, HttpCode, HttpStatus, Param, Post, Req, UseGuards, UseInterceptors } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { ApiErrors, AppError } from '@frontpage/platform';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { AcceptedArticleDto } from './accepted-article.dto';
import { SubmissionLimitInterceptor } from '../http/submission-limit.interceptor';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { ArticleDraft } from '../content/article-draft';
import { NINJS_CONTENT_TYPE } from '../http/body-parsers';
import { AcceptedArticle, ArticleIntakeService } from './article-intake.service';
import { NinjsItemDto } from './ninjs.dto';
import { fromNinjs } from './ninjs.mapper';
import { SubmitArticleDto } from './submit-article.dto';
import { validateBody } from './validate-body';
import { WithdrawArticleParamsDto } from './withdraw-article.dto';

@ApiTags('articles')
@ApiBearerAuth()
@ApiExtraModels(SubmitArticleDto, NinjsItemDto)
@Controller('v1/articles')
@UseGuards(ApiKeyGuard)
export class ArticlesController {
  constructor(private readonly intake: ArticleIntakeService) {}

  /** Native JSON (`application/json`) or IPTC ninjs (`application/ninjs+json`) on the same route. */
  @Post()
  @UseInterceptors(SubmissionLimitInterceptor)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: 'Submit an article, or a new version of one',
    description:
      'Native JSON (`application/json`, SubmitArticleDto) or IPTC ninjs (`application/ninjs+json`, NinjsItemDto: undeclared ninjs ' +
      'properties are ignored; `pubstatus: canceled` withdraws the article). 202 once the command is on Kafka.',
  })
  @ApiConsumes('application/json', NINJS_CONTENT_TYPE)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(SubmitArticleDto) }, { $ref: getSchemaPath(NinjsItemDto) }] } })
  @ApiAcceptedResponse({ type: AcceptedArticleDto })
  @ApiErrors(
    400,
    401,
    [403, 'The API key names another source'],
    413,
    415,
    [422, 'A ninjs item that is not for publication (pubstatus withheld)'],
    [503, 'Kafka did not acknowledge in time, or ingest is at capacity (`SERVICE.OVERLOADED`, with Retry-After); safe to retry'],
  )
  submit(
    @Req() request: AuthenticatedRequest,
    @Headers('content-type') contentType: string | undefined,
    @Body() body: unknown,
  ): Promise<AcceptedArticle> {
    const type = mediaType(contentType);
    if (type === NINJS_CONTENT_TYPE) {
      const command = fromNinjs(validateBody(NinjsItemDto, body, false), request.source);
      return command.kind === 'withdraw'
        ? this.intake.withdraw(request.source, request.source, command.sourceId, command.reason)
        : this.intake.submit(request.source, command.draft);
    }
    if (type === 'application/json') return this.intake.submit(request.source, fromNative(validateBody(SubmitArticleDto, body, true)));
    throw unsupported(contentType, ['application/json', NINJS_CONTENT_TYPE]);
  }

  /** Withdraws (kills) every version of the article. */
  @Delete(':source/:sourceId')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Withdraw (kill) every version of an article' })
  @ApiAcceptedResponse({ type: AcceptedArticleDto })
  @ApiErrors(400, 401, [403, 'The API key names another source'], [503, 'Kafka did not acknowledge in time; safe to retry'])
  withdraw(@Req() request: AuthenticatedRequest, @Param() { source, sourceId }: WithdrawArticleParamsDto): Promise<AcceptedArticle> {
    return this.intake.withdraw(request.source, source, sourceId, 'withdrawn by the source');
  }
}

export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function unsupported(contentType: string | undefined, accepted: string[]): AppError {
  return new AppError(
    ErrorCodes.UnsupportedMediaType,
    `Content-Type ${contentType ?? '(none)'} is not accepted here; use ${accepted.join(' or ')}`,
    {
      httpStatus: 415,
    },
  );
}

function fromNative(article: SubmitArticleDto): ArticleDraft {
  return {
    source: article.source,
    sourceId: article.sourceId,
    headline: article.headline,
    standfirst: article.standfirst,
    bylines: [...(article.bylines ?? []), ...(article.byline ? [article.byline] : [])],
    dateline: article.dateline,
    body: { format: article.bodyFormat ?? 'text', content: article.body },
    images: article.images ?? [],
    section: article.section,
    tags: article.tags ?? [],
    canonicalUrl: article.canonicalUrl,
    language: article.language,
    publishedAt: article.publishedAt,
    updatedAt: article.updatedAt,
  };
}

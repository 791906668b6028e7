import { Body, Controller, Get, Param, PipeTransform, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ArticlePageService } from '../articles/article-page.service';
import { CommentRateLimiter } from '../comments/comment-rate-limit.guard';
import { CommentSubmissionService } from '../comments/comment-submission.service';
import { SubmitCommentDto } from '../comments/submit-comment.dto';
import { FeedReader } from '../feed/feed.reader';
import { FeedItem } from '../feed/feed.types';
import { GatewayConfig } from '../gateway.config';
import { articlePage, articlePath, CommentForm, errorPage, frontPage, listPage, Site, titleCase } from './pages';

const HTML_CACHE = 'public, max-age=30, stale-while-revalidate=30';

/**
 * A query parameter given twice (`?q=a&q=b`) arrives as an array. Pages take the first value, as a
 * browser's form would have sent only one; the JSON API answers 400 instead.
 */
export const FirstValue: PipeTransform<unknown, string | undefined> = {
  transform: (value) => {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === 'string' ? first : undefined;
  },
};

/** Server-rendered pages for readers: no script, every value escaped, readable on a phone. */
@ApiTags('pages')
@Controller()
export class WebController {
  private readonly site: Site;

  constructor(
    private readonly feed: FeedReader,
    private readonly articles: ArticlePageService,
    private readonly submissions: CommentSubmissionService,
    private readonly rateLimit: CommentRateLimiter,
    config: GatewayConfig,
  ) {
    this.site = { title: config.SITE_TITLE, baseUrl: config.PUBLIC_BASE_URL };
  }

  @Get()
  @ApiOperation({ summary: 'Front page: latest teasers, sections, most commented, search box' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  async front(@Query('cursor', FirstValue) cursor: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    const [latest, sections, mostCommented] = await Promise.allSettled([
      this.feed.latest(20, cursor),
      this.sections(),
      this.feed.mostCommented(5),
    ]);
    const page = latest.status === 'fulfilled' ? latest.value : null;
    send(
      reply,
      200,
      frontPage({
        site: this.site,
        latest: page?.items ?? null,
        sections: sections.status === 'fulfilled' ? sections.value : null,
        mostCommented: mostCommented.status === 'fulfilled' ? mostCommented.value.items : null,
        nextHref: page?.nextCursor ? `/?cursor=${encodeURIComponent(page.nextCursor)}` : null,
      }),
      HTML_CACHE,
    );
  }

  @Get('sections/:section')
  @ApiOperation({ summary: "A section's page" })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiResponse({ status: 400, description: 'HTML error page: the request was not understood' })
  @ApiResponse({ status: 503, description: 'HTML error page: an upstream service is unavailable' })
  async section(@Param('section') section: string, @Query('cursor', FirstValue) cursor: string | undefined, @Res() reply: FastifyReply) {
    await this.list(
      reply,
      titleCase(section),
      () => this.feed.latest(20, cursor, { section }),
      (next) => `/sections/${encodeURIComponent(section)}?cursor=${encodeURIComponent(next)}`,
      {
        rss: `/sections/${encodeURIComponent(section)}/feed.xml`,
        json: `/sections/${encodeURIComponent(section)}/feed.json`,
        title: `${this.site.title}: ${titleCase(section)}`,
      },
    );
  }

  @Get('tags/:tag')
  @ApiOperation({ summary: "A tag's page" })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiResponse({ status: 400, description: 'HTML error page: the request was not understood' })
  @ApiResponse({ status: 503, description: 'HTML error page: an upstream service is unavailable' })
  async tag(@Param('tag') tag: string, @Query('cursor', FirstValue) cursor: string | undefined, @Res() reply: FastifyReply) {
    await this.list(
      reply,
      `Tagged “${tag}”`,
      () => this.feed.latest(20, cursor, { tag }),
      (next) => `/tags/${encodeURIComponent(tag)}?cursor=${encodeURIComponent(next)}`,
    );
  }

  @Get('search')
  @ApiOperation({ summary: 'Search results page ("What are you looking for?")' })
  @ApiQuery({ name: 'q', required: false })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiResponse({ status: 400, description: 'HTML error page: the request was not understood' })
  @ApiResponse({ status: 503, description: 'HTML error page: an upstream service is unavailable' })
  async search(
    @Query('q', FirstValue) q: string | undefined,
    @Query('cursor', FirstValue) cursor: string | undefined,
    @Res() reply: FastifyReply,
  ) {
    const query = (q ?? '').slice(0, 200);
    const sections = await this.sections().catch(() => null);
    if (!query.trim()) {
      send(
        reply,
        200,
        listPage({ site: this.site, title: 'Search', heading: 'What are you looking for?', items: [], sections, nextHref: null, query }),
        HTML_CACHE,
      );
      return;
    }
    try {
      const results = await this.feed.search(query, 20, cursor);
      const summary = results.total === null ? 'Many results' : results.total === 1 ? '1 result' : `${results.total} results`;
      send(
        reply,
        200,
        listPage({
          site: this.site,
          title: `Search: ${query}`,
          heading: `Results for “${query}”`,
          summary,
          items: results.items,
          sections,
          query,
          nextHref: results.nextCursor ? `/search?q=${encodeURIComponent(query)}&cursor=${encodeURIComponent(results.nextCursor)}` : null,
        }),
        HTML_CACHE,
      );
    } catch (error) {
      this.sendError(reply, error);
    }
  }

  @Get('articles/:slug')
  @ApiOperation({ summary: 'Article page: body, You May Also Like, latest, comments and the Leave a Reply form' })
  @ApiQuery({
    name: 'comment',
    required: false,
    type: String,
    description: '`pending` shows the "awaiting moderation" notice; other values are ignored',
  })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'HTML page' })
  @ApiResponse({ status: 400, description: 'HTML error page: the request was not understood' })
  @ApiResponse({ status: 404, description: 'HTML "Not found" page: no such story' })
  @ApiResponse({ status: 503, description: 'HTML error page: an upstream service is unavailable' })
  async article(@Param('slug') slug: string, @Query('comment', FirstValue) notice: string | undefined, @Res() reply: FastifyReply) {
    await this.renderArticle(reply, slug, { notice: notice === 'pending' ? 'pending' : null });
  }

  /**
   * The "Leave a Reply" form: a plain form post, answered with a redirect back to the article (303).
   * Refusals are pages too: the article with the form, its values and the reason (400, 429 with
   * Retry-After, 404, 503), never the JSON API's error body.
   */
  @Post('articles/:slug/comments')
  @ApiExcludeEndpoint()
  async comment(@Param('slug') slug: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const fields = formFields(body);
    const decision = this.rateLimit.take(request.ip);
    if (!decision.allowed) {
      void reply.header('retry-after', String(decision.retryAfterSeconds));
      const wait = decision.retryAfterSeconds === 1 ? 'a second' : `${decision.retryAfterSeconds} seconds`;
      const message = `You have sent several comments in a short time. Please wait ${wait} and send it again.`;
      await this.renderArticle(reply, slug, { form: { values: fields, errors: [message] }, status: 429 });
      return;
    }
    const dto = plainToInstance(SubmitCommentDto, { ...fields, authorUrl: fields.authorUrl || undefined });
    const problems = await validate(dto, { whitelist: true });
    if (problems.length > 0) {
      const errors = problems.flatMap((problem) => Object.values(problem.constraints ?? {})).map(readable);
      await this.renderArticle(reply, slug, { form: { values: fields, errors }, status: 400 });
      return;
    }
    try {
      await this.submissions.submit(slug, dto, request.ip);
    } catch (error) {
      const message =
        error instanceof AppError && error.httpStatus === 404
          ? 'This article does not exist.'
          : 'Your comment could not be sent; please try again.';
      await this.renderArticle(reply, slug, {
        form: { values: fields, errors: [message] },
        status: error instanceof AppError ? error.httpStatus : 503,
      });
      return;
    }
    void reply
      .status(303)
      .header('location', `${articlePath(slug)}?comment=pending#comments`)
      .header('cache-control', 'no-store')
      .send();
  }

  private async renderArticle(
    reply: FastifyReply,
    slug: string,
    options: { notice?: 'pending' | null; form?: CommentForm; status?: number },
  ) {
    try {
      const [page, sections] = await Promise.all([this.articles.compose(slug), this.sections().catch(() => null)]);
      const cache = options.form || options.notice ? 'no-store' : 'public, max-age=15';
      send(
        reply,
        options.status ?? 200,
        articlePage({ site: this.site, page, sections, notice: options.notice, form: options.form }),
        cache,
      );
    } catch (error) {
      this.sendError(reply, error);
    }
  }

  private async list(
    reply: FastifyReply,
    heading: string,
    load: () => Promise<{ items: FeedItem[]; nextCursor: string | null }>,
    nextHref: (cursor: string) => string,
    feeds?: { rss: string; json: string; title: string },
  ): Promise<void> {
    try {
      const [page, sections] = await Promise.all([load(), this.sections().catch(() => null)]);
      send(
        reply,
        200,
        listPage({
          site: this.site,
          title: heading,
          heading,
          items: page.items,
          sections,
          nextHref: page.nextCursor ? nextHref(page.nextCursor) : null,
          feeds,
        }),
        HTML_CACHE,
      );
    } catch (error) {
      this.sendError(reply, error);
    }
  }

  private async sections(): Promise<string[]> {
    return (await this.feed.sections()).sections;
  }

  private sendError(reply: FastifyReply, error: unknown): void {
    const status = error instanceof AppError ? error.httpStatus : 500;
    const message =
      error instanceof AppError && error.code === ErrorCodes.ArticleNotFound
        ? 'There is no such story. It may have been withdrawn.'
        : error instanceof AppError && error.httpStatus === 400
          ? 'That request was not understood.'
          : 'This page cannot be shown right now. Please try again in a moment.';
    send(reply, status >= 500 ? 503 : status, errorPage(this.site, status, message), 'no-store');
  }
}

function send(reply: FastifyReply, status: number, body: string, cacheControl: string): void {
  void reply.status(status).header('content-type', 'text/html; charset=utf-8').header('cache-control', cacheControl).send(body);
}

function formFields(body: unknown): CommentForm['values'] {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof source[name] === 'string' ? (source[name] as string) : undefined);
  return { authorName: text('authorName'), authorEmail: text('authorEmail'), authorUrl: text('authorUrl')?.trim(), body: text('body') };
}

const FIELD_LABELS: Record<string, string> = { authorName: 'Name', authorEmail: 'Email', authorUrl: 'Website', body: 'Comment' };

/** "authorEmail must be an email address" → "Email must be an email address". */
function readable(message: string): string {
  return message.replace(/^(authorName|authorEmail|authorUrl|body)\b/, (field) => FIELD_LABELS[field]);
}

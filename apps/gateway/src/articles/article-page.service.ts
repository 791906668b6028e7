import { Injectable, Logger } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { CommentsReader } from '../comments/comments.reader';
import { CommentPage } from '../comments/comments.types';
import { ListCache } from '../cache/list-cache';
import { FeedReader } from '../feed/feed.reader';
import { GatewayConfig } from '../gateway.config';
import { prepareJson } from '../http/prepared-json';
import { UpstreamClient } from '../upstream/upstream.client';
import { Article, ArticlePage, PageWarning } from './article-page';

export const LATEST_ON_ARTICLE_PAGE = 6;
export const RELATED_ON_ARTICLE_PAGE = 4;

/**
 * Composes the article page from its owners in parallel. Only the article is required; any other
 * part that fails or is slow is served as null with a warning, so one upstream never takes the page down.
 *
 * A composed page is kept for ARTICLE_PAGE_CACHE_TTL_MS (serialised once, with its ETag); concurrent
 * requests for a page being composed share one composition, and when the article service fails a
 * page composed earlier (up to LIST_CACHE_STALE_MS old) is served instead of an error. A degraded
 * page is kept like any other, so a failing upstream is asked at most once per TTL per page.
 */
@Injectable()
export class ArticlePageService {
  private readonly logger = new Logger(ArticlePageService.name);
  private readonly pages: ListCache;

  constructor(
    private readonly upstream: UpstreamClient,
    private readonly feed: FeedReader,
    private readonly comments: CommentsReader,
    config: GatewayConfig,
  ) {
    this.pages = new ListCache({
      freshMs: config.ARTICLE_PAGE_CACHE_TTL_MS,
      staleMs: config.LIST_CACHE_STALE_MS,
      maxEntries: config.ARTICLE_PAGE_CACHE_MAX_ENTRIES,
    });
  }

  async compose(slug: string): Promise<ArticlePage> {
    const result = await this.pages
      .get(slug, async () => prepareJson(await this.composeNow(slug)), isOutage)
      .catch((error: unknown) => {
        // A withdrawn article must not come back as a stale page during a later outage.
        if (isNotFound(error)) this.pages.forget(slug);
        throw error;
      });
    if (result.stale) this.logger.warn({ msg: 'serving a stale article page: the article service failed', slug });
    return result.value;
  }

  private async composeNow(slug: string): Promise<ArticlePage> {
    const [article, latest, related, comments] = await Promise.allSettled([
      this.article(slug),
      this.feed.latest(LATEST_ON_ARTICLE_PAGE + 1),
      this.feed.related(slug, RELATED_ON_ARTICLE_PAGE),
      this.comments.threads(slug),
    ]);
    if (article.status === 'rejected') throw article.reason;
    const warnings: PageWarning[] = [];
    let latestItems = null;
    if (latest.status === 'fulfilled') {
      latestItems = latest.value.items.filter((item) => item.id !== article.value.id).slice(0, LATEST_ON_ARTICLE_PAGE);
    } else {
      warnings.push(warningFor('latest', latest.reason));
    }
    let relatedItems = null;
    if (related.status === 'fulfilled') {
      relatedItems = related.value.items;
    } else if (isNotFound(related.reason)) {
      // The feed has not projected the article yet: nothing to relate it to, not an outage.
      relatedItems = [];
    } else {
      warnings.push(warningFor('related', related.reason));
    }
    let commentPage: CommentPage | null = null;
    if (comments.status === 'fulfilled') {
      commentPage = comments.value;
    } else if (isNotFound(comments.reason)) {
      // The comment service has not heard of the article yet: no comments, not an outage.
      commentPage = { open: true, total: 0, items: [], nextCursor: null };
    } else {
      warnings.push(warningFor('comments', comments.reason));
    }
    return { article: article.value, latest: latestItems, related: relatedItems, comments: commentPage, warnings };
  }

  private async article(slug: string): Promise<Article> {
    const result = await this.upstream.get<Article>('article', `/v1/articles/${encodeURIComponent(slug)}`);
    if (result.ok) return result.body;
    if (result.status === 404) throw new AppError(ErrorCodes.ArticleNotFound, `No article "${slug}"`, { httpStatus: 404 });
    throw new AppError(ErrorCodes.UpstreamUnavailable, 'The article service failed', { httpStatus: 502 });
  }
}

function warningFor(part: string, reason: unknown): PageWarning {
  return reason instanceof AppError
    ? { part, code: reason.code, message: reason.message }
    : { part, code: ErrorCodes.UpstreamUnavailable, message: `${part} is unavailable` };
}

/** Only an unreachable or failing article service is answered from a stale page; an unknown slug is a 404. */
function isOutage(error: unknown): boolean {
  return error instanceof AppError && error.code === ErrorCodes.UpstreamUnavailable;
}

function isNotFound(reason: unknown): boolean {
  return reason instanceof AppError && reason.code === ErrorCodes.ArticleNotFound;
}

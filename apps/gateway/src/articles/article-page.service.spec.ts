import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { CommentsReader } from '../comments/comments.reader';
import { FeedReader } from '../feed/feed.reader';
import { GatewayConfig } from '../gateway.config';
import { etagOf } from '../http/etag';
import { preparedJsonOf } from '../http/prepared-json';
import { UpstreamClient } from '../upstream/upstream.client';
import { Article } from './article-page';
import { ArticlePageService } from './article-page.service';

const article = { id: 'a1', slug: 'harbour-bridge-reopens', headline: 'Harbour bridge reopens' } as Article;
const item = (id: string) => ({ id, slug: id, headline: id });
const down = () => new AppError(ErrorCodes.UpstreamUnavailable, 'The service is unavailable', { httpStatus: 503 });

function setup(settings: Partial<GatewayConfig> = {}) {
  const upstream = { get: jest.fn().mockResolvedValue({ ok: true, status: 200, body: article }) };
  const feed = {
    latest: jest.fn().mockResolvedValue({ items: [item('a1'), item('b2')], nextCursor: null, total: 2 }),
    related: jest.fn().mockResolvedValue({ articleId: 'a1', items: [item('c3')] }),
  };
  const comments = { threads: jest.fn().mockResolvedValue({ open: true, total: 0, items: [], nextCursor: null }) };
  const config = Object.assign(new GatewayConfig(), { ARTICLE_PAGE_CACHE_TTL_MS: 60_000, LIST_CACHE_STALE_MS: 600_000, ...settings });
  const service = new ArticlePageService(
    upstream as unknown as UpstreamClient,
    feed as unknown as FeedReader,
    comments as unknown as CommentsReader,
    config,
  );
  return { service, upstream, feed, comments };
}

describe('ArticlePageService', () => {
  it('composes a page once for concurrent readers, serialised once with its ETag', async () => {
    const { service, upstream, comments } = setup();
    const pages = await Promise.all([1, 2, 3, 4, 5].map(() => service.compose(article.slug)));
    expect(new Set(pages).size).toBe(1);
    expect(await service.compose(article.slug)).toBe(pages[0]);
    expect(upstream.get).toHaveBeenCalledTimes(1);
    expect(comments.threads).toHaveBeenCalledTimes(1);
    const prepared = preparedJsonOf(pages[0]);
    expect(prepared?.body.toString()).toBe(JSON.stringify(pages[0]));
    expect(prepared?.etag).toBe(etagOf(JSON.stringify(pages[0])));
    expect(pages[0]).toEqual({
      article,
      latest: [item('b2')],
      related: [item('c3')],
      comments: { open: true, total: 0, items: [], nextCursor: null },
      warnings: [],
    });
  });

  it('composes again once the cache time is over', async () => {
    const { service, upstream } = setup({ ARTICLE_PAGE_CACHE_TTL_MS: 0 });
    await service.compose(article.slug);
    await service.compose(article.slug);
    expect(upstream.get).toHaveBeenCalledTimes(2);
  });

  it('serves a page without the parts whose upstream failed, with a warning for each', async () => {
    const { service, feed, comments } = setup();
    feed.latest.mockRejectedValue(down());
    feed.related.mockRejectedValue(new AppError(ErrorCodes.ArticleNotFound, 'Not in the feed yet', { httpStatus: 404 }));
    comments.threads.mockRejectedValue(down());
    const page = await service.compose(article.slug);
    expect(page).toMatchObject({ article, latest: null, related: [], comments: null });
    expect(page.warnings).toEqual([
      { part: 'latest', code: ErrorCodes.UpstreamUnavailable, message: expect.any(String) },
      { part: 'comments', code: ErrorCodes.UpstreamUnavailable, message: expect.any(String) },
    ]);
  });

  it('serves the last page composed when the article service fails, but never one of a withdrawn article', async () => {
    const { service, upstream } = setup({ ARTICLE_PAGE_CACHE_TTL_MS: 0 });
    const first = await service.compose(article.slug);
    upstream.get.mockRejectedValue(down());
    expect(await service.compose(article.slug)).toBe(first);

    upstream.get.mockResolvedValue({ ok: false, status: 404, body: {} });
    await expect(service.compose(article.slug)).rejects.toMatchObject({ code: ErrorCodes.ArticleNotFound, httpStatus: 404 });
    upstream.get.mockRejectedValue(down());
    await expect(service.compose(article.slug)).rejects.toMatchObject({ code: ErrorCodes.UpstreamUnavailable });
  });
});

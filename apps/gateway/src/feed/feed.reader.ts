import { Injectable, Logger } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { ListCache } from '../cache/list-cache';
import { GatewayConfig } from '../gateway.config';
import { prepareJson } from '../http/prepared-json';
import { UpstreamClient } from '../upstream/upstream.client';
import { FeedPage, MostCommentedList, RelatedList, SearchPage, SectionList } from './feed.types';

type Query = Record<string, string | number | undefined>;

/**
 * Reads the feed service's lists through a short in-process cache: hot lists cost no upstream call,
 * and when the feed service fails a recent copy is served instead of an error.
 */
@Injectable()
export class FeedReader {
  private readonly logger = new Logger(FeedReader.name);
  private readonly cache: ListCache;

  constructor(
    private readonly upstream: UpstreamClient,
    config: GatewayConfig,
  ) {
    this.cache = new ListCache({
      freshMs: config.LIST_CACHE_TTL_MS,
      revalidateMs: config.LIST_CACHE_REVALIDATE_MS,
      staleMs: config.LIST_CACHE_STALE_MS,
      maxEntries: config.LIST_CACHE_MAX_ENTRIES,
    });
  }

  latest(limit?: number, cursor?: string, filter: { section?: string; tag?: string } = {}): Promise<FeedPage> {
    return this.read<FeedPage>('/v1/feed', { limit, cursor, section: filter.section, tag: filter.tag });
  }

  search(q: string, limit?: number, cursor?: string): Promise<SearchPage> {
    return this.read<SearchPage>('/v1/feed/search', { q, limit, cursor });
  }

  mostCommented(limit?: number, hours?: number): Promise<MostCommentedList> {
    return this.read<MostCommentedList>('/v1/feed/most-commented', { limit, hours });
  }

  sections(): Promise<SectionList> {
    return this.read<SectionList>('/v1/feed/sections', {});
  }

  related(articleIdOrSlug: string, limit?: number): Promise<RelatedList> {
    return this.read<RelatedList>(`/v1/feed/related/${encodeURIComponent(articleIdOrSlug)}`, { limit });
  }

  private async read<T>(path: string, query: Query): Promise<T> {
    const key = `${path}?${Object.entries(query)
      .filter(([, value]) => value !== undefined)
      .map(([name, value]) => `${name}=${String(value)}`)
      .join('&')}`;
    const result = await this.cache.get(key, async () => prepareJson(await this.fetch<T>(path, query)), isOutage);
    if (result.stale) this.logger.warn({ msg: 'serving a stale list: the feed service failed', path });
    return result.value;
  }

  private async fetch<T>(path: string, query: Query): Promise<T> {
    const result = await this.upstream.get<T>('feed', path, query);
    if (result.ok) return result.body;
    if (result.status === 400)
      throw new AppError(ErrorCodes.ValidationFailed, 'The feed query is invalid', { httpStatus: 400, ...fieldsOf(result.body) });
    if (result.status === 404) throw new AppError(ErrorCodes.ArticleNotFound, 'No such article in the feed', { httpStatus: 404 });
    throw new AppError(ErrorCodes.UpstreamUnavailable, 'The feed service failed', { httpStatus: 502 });
  }
}

/** Only an unreachable or failing upstream is answered from a stale copy; a bad query is the caller's. */
function isOutage(error: unknown): boolean {
  return error instanceof AppError && error.code === ErrorCodes.UpstreamUnavailable;
}

function fieldsOf(body: unknown) {
  const fields = (body as { error?: { fields?: { field: string; problems: string[] }[] } })?.error?.fields;
  return fields ? { fields } : {};
}

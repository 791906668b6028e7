import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { FeedItemRepository } from './feed-item.repository';
import { FeedItemView, FeedService } from './feed.service';
import { SearchTermRepository } from './search-term.repository';
import { decodeSearchCursor, encodeSearchCursor } from './text/search-index';
import { distinctSearchTerms } from './text/tokens';

export interface SearchPage {
  query: string;
  /** The stemmed terms searched for, stop words removed. */
  terms: string[];
  items: FeedItemView[];
  nextCursor: string | null;
  /** How many articles match, or `null` when more matches were left unread than read (a common word). */
  total: number | null;
}

/** Terms beyond this add little to a reader's query and multiply the work. */
const MAX_QUERY_TERMS = 12;

/**
 * Keyword search over the feed's own inverted index: headline matches first, then teaser, then
 * body, then the newest. Works the same on MongoDB and on stores without `$text`.
 */
@Injectable()
export class SearchService {
  constructor(
    private readonly terms: SearchTermRepository,
    private readonly items: FeedItemRepository,
    private readonly feed: FeedService,
  ) {}

  async search(query: string, limit: number, cursor?: string): Promise<SearchPage> {
    const after = cursor === undefined ? undefined : decodeSearchCursor(cursor);
    if (cursor !== undefined && !after) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The cursor is not one this search issued', {
        httpStatus: 400,
        fields: [{ field: 'cursor', problems: ['cursor is malformed'] }],
      });
    }
    const terms = distinctSearchTerms(query).slice(0, MAX_QUERY_TERMS);
    if (terms.length === 0) return { query, terms, items: [], nextCursor: null, total: 0 };
    const { hits, total } = await this.terms.search(terms, limit + 1, after);
    const page = hits.slice(0, limit);
    const visible = new Map((await this.items.findVisibleByIds(page.map((hit) => hit.articleId))).map((item) => [item._id, item]));
    const items = await this.feed.views(page.flatMap((hit) => visible.get(hit.articleId) ?? []));
    const last = page[page.length - 1];
    return {
      query,
      terms,
      items,
      nextCursor:
        hits.length > limit && last ? encodeSearchCursor({ score: last.score, publishedAt: last.publishedAt, id: last.articleId }) : null,
      total,
    };
  }
}

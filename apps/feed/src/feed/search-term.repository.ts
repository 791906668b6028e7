import { Model } from 'mongoose';
import { isOnlyDuplicateKeys } from '@frontpage/platform';
import { ProjectionCollection } from './projection/projection-generations';
import { SearchTerm } from './search-term.schema';

export interface SearchHit {
  articleId: string;
  score: number;
  publishedAt: Date;
}

/** Position in a result list: after the hit with this score, publish time and id. */
export interface SearchCursor {
  score: number;
  publishedAt: Date;
  id: string;
}

/** The only code that touches `feed_search_terms` (in the active generation, or the one given to `in`). */
export class SearchTermRepository {
  constructor(private readonly collection: ProjectionCollection<SearchTerm>) {}

  /** The same collection in `generation`. */
  in(generation: number): SearchTermRepository {
    return new SearchTermRepository(this.collection.in(generation));
  }

  private get model(): Model<SearchTerm> {
    return this.collection.model;
  }

  /**
   * Makes `terms` the article's index at `version`: inserts this version's terms (those already
   * there from an earlier delivery are kept as they are), then removes older versions' terms. Safe to
   * repeat after a crash half-way. Plain inserts, not upserts: on the local store a batch of upserts
   * costs about ten times as much, and this runs for every article.
   */
  async replace(articleId: string, version: number, publishedAt: Date, terms: ReadonlyMap<string, number>): Promise<void> {
    if (terms.size > 0) {
      try {
        await this.model.insertMany(
          [...terms].map(([term, weight]) => ({ _id: `${articleId}:${version}:${term}`, term, articleId, weight, publishedAt, version })),
          { ordered: false, lean: true },
        );
      } catch (error) {
        // A redelivery: this version's terms (or some of them) are already indexed.
        if (!isOnlyDuplicateKeys(error)) throw error;
      }
    }
    // Version 1 is the first: there is nothing older to remove.
    if (version > 1) await this.model.deleteMany({ articleId, version: { $lt: version } }).exec();
  }

  async removeArticle(articleId: string): Promise<void> {
    await this.model.deleteMany({ articleId }).exec();
  }

  /** Removes the terms of one version of the article (a newer version or a withdrawal overtook it). */
  async removeVersion(articleId: string, version: number): Promise<void> {
    await this.model.deleteMany({ articleId, version }).exec();
  }

  /**
   * Articles matching any of the terms, best first (summed weights, then newest, then id), after
   * `after`, and how many match in all. One equality query per term, merged here: FerretDB on
   * PostgreSQL hands an equality filter to the backend but evaluates `$in` itself, document by
   * document (about 100 times slower at 10 000 articles; docs/BENCHMARKS.md, "Store backends"); on
   * SQLite both are scans; on MongoDB each is an index lookup either way.
   */
  async search(terms: string[], limit: number, after?: SearchCursor): Promise<{ hits: SearchHit[]; total: number }> {
    const postings = await Promise.all(
      terms.map((term) =>
        this.model
          .find({ term }, { _id: 0, articleId: 1, publishedAt: 1, weight: 1 })
          .lean<Pick<SearchTerm, 'articleId' | 'publishedAt' | 'weight'>[]>()
          .exec(),
      ),
    );
    const byArticle = new Map<string, SearchHit>();
    for (const posting of postings.flat()) {
      const hit = byArticle.get(posting.articleId);
      if (hit) hit.score += posting.weight;
      else
        byArticle.set(posting.articleId, {
          articleId: posting.articleId,
          score: posting.weight,
          publishedAt: new Date(posting.publishedAt),
        });
    }
    const ranked = [...byArticle.values()].sort(bestFirst);
    const from = after ? ranked.findIndex((hit) => bestFirst(hit, { articleId: after.id, ...after }) > 0) : 0;
    return { hits: from < 0 ? [] : ranked.slice(from, from + limit), total: byArticle.size };
  }
}

/** Higher score first, then the newer, then the higher id: the order of search results and cursors. */
function bestFirst(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    b.publishedAt.getTime() - a.publishedAt.getTime() ||
    (a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0)
  );
}

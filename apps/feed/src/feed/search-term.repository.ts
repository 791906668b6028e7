import { Model } from 'mongoose';
import { isOnlyDuplicateKeys } from '@frontpage/platform';
import { ListBucketRepository } from './list-bucket.repository';
import { ListDensity, ListName, postingBucketsOf, termList } from './list-buckets';
import { periodsNewestFirst } from './period-walk';
import { ProjectionCollection } from './projection/projection-generations';
import { SearchTerm } from './search-term.schema';
import { TERM_WEIGHTS } from './text/search-index';

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

/**
 * How many postings of each term in each place (headline, teaser, body) a search reads, newest first:
 * a search ranks the newest 200 headline, 200 teaser and 200 body matches of each of its terms. Exact
 * for a one-word query's first 200 results of each place; beyond them a reader is better served by a
 * narrower query, and reading every match of a common word grows with the archive.
 */
export const POSTINGS_PER_PLACE = 200;

/** The places a term is found in, best first. */
const PLACES = [TERM_WEIGHTS.headline, TERM_WEIGHTS.teaser, TERM_WEIGHTS.body];

/** The mark of a generation whose postings all have their buckets (one built by this release). */
const BUCKETED = 'search postings have list buckets';

/** Collections known to be marked: a mark is never removed. */
const bucketed = new Set<string>();

/** How busy each term's lists were when last read. */
const density = new ListDensity();

type Posting = Pick<SearchTerm, 'articleId' | 'publishedAt' | 'weight'>;
const POSTING_FIELDS = { _id: 0, articleId: 1, publishedAt: 1, weight: 1 };

/** The only code that touches `feed_search_terms` (in the active generation, or the one given to `in`). */
export class SearchTermRepository {
  constructor(
    private readonly collection: ProjectionCollection<SearchTerm>,
    private readonly buckets: ListBucketRepository,
  ) {}

  /** The same collection in `generation`. */
  in(generation: number): SearchTermRepository {
    return new SearchTermRepository(this.collection.in(generation), this.buckets.in(generation));
  }

  /**
   * Records that every posting here has its buckets, so searches read the terms' lists: for a
   * generation this release builds, or one with no postings yet. Earlier postings have none: such a
   * generation is searched the old way (every posting of each term) until it is rebuilt.
   */
  async markBucketed(onlyIfEmpty = false): Promise<boolean> {
    if (onlyIfEmpty && (await this.model.exists({})) !== null) return false;
    await this.buckets.mark(BUCKETED);
    return true;
  }

  private async isBucketed(): Promise<boolean> {
    const name = `${this.model.db.name}.${this.model.collection.collectionName}`;
    if (bucketed.has(name)) return true;
    if (!(await this.buckets.isMarked(BUCKETED))) return false;
    bucketed.add(name);
    return true;
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
      const postings = [...terms].map(([term, weight]) => ({ term, weight, buckets: postingBucketsOf(term, weight, publishedAt) }));
      // The nodes first: a stored posting is always reachable from its term's list.
      await this.buckets.ensure(postings.flatMap((posting) => posting.buckets.nodes));
      try {
        await this.model.insertMany(
          postings.map(({ term, weight, buckets }) => ({
            _id: `${articleId}:${version}:${term}`,
            term,
            articleId,
            weight,
            publishedAt,
            version,
            listBuckets: buckets.keys,
          })),
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
   * `after`, and how many match in all (`null` when more were left unread than read). Reads the newest
   * POSTINGS_PER_PLACE postings of each term in each place, each list one period at a time
   * (period-walk.ts), all lists at once: a search costs its terms and places, not the archive. A
   * generation indexed before postings had buckets is read the old way, every posting of each term.
   */
  async search(terms: string[], limit: number, after?: SearchCursor): Promise<{ hits: SearchHit[]; total: number | null }> {
    let postings: Posting[];
    let complete = true;
    if (await this.isBucketed()) {
      const lists = await Promise.all(terms.flatMap((term) => PLACES.map((weight) => this.newestPostings(termList(term, weight)))));
      postings = lists.flatMap((list) => list.postings);
      complete = lists.every((list) => list.complete);
    } else {
      postings = (await Promise.all(terms.map((term) => this.model.find({ term }, POSTING_FIELDS).lean<Posting[]>().exec()))).flat();
    }
    const byArticle = new Map<string, SearchHit>();
    for (const posting of postings) {
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
    return { hits: from < 0 ? [] : ranked.slice(from, from + limit), total: complete ? byArticle.size : null };
  }

  /** The newest POSTINGS_PER_PLACE postings of a term's list, and whether that is all of them. */
  private async newestPostings(list: ListName): Promise<{ postings: Posting[]; complete: boolean }> {
    const found: Posting[] = [];
    const source = {
      children: (parent: string) => this.buckets.children(parent),
      itemsIn: (bucket: string) => this.model.find({ listBuckets: bucket }, POSTING_FIELDS).lean<Posting[]>().exec(),
    };
    for await (const postings of periodsNewestFirst(source, { list, finest: 'day', density })) {
      found.push(...postings.sort(newestPostingFirst));
      if (found.length > POSTINGS_PER_PLACE) return { postings: found.slice(0, POSTINGS_PER_PLACE), complete: false };
    }
    return { postings: found, complete: true };
  }
}

/** Newest first, then the higher article id. */
function newestPostingFirst(a: Posting, b: Posting): number {
  return (
    new Date(b.publishedAt).getTime() - new Date(a.publishedAt).getTime() ||
    (a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0)
  );
}

/** Higher score first, then the newer, then the higher id: the order of search results and cursors. */
function bestFirst(a: SearchHit, b: SearchHit): number {
  return (
    b.score - a.score ||
    b.publishedAt.getTime() - a.publishedAt.getTime() ||
    (a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0)
  );
}

import { QueryFilter, Model } from 'mongoose';
import { countMatching } from '@frontpage/platform';
import { FeedCursor } from './feed-cursor';
import { FeedItem } from './feed-item.schema';
import { ProjectionCollection } from './projection/projection-generations';

export type FeedItemRecord = FeedItem;
export type FeedItemContent = Omit<FeedItem, '_id' | 'version' | 'withdrawn' | 'projectedAt' | 'topics' | 'headlineKey'> &
  Partial<Pick<FeedItem, 'topics' | 'headlineKey'>>;

export interface FeedFilter {
  section?: string;
  tag?: string;
}

const DUPLICATE_KEY = 11000;

/**
 * The only code that touches `feed_items` (in the active generation, or the one given to `in`). Writes
 * are conditional on the version, so replays are harmless.
 *
 * Reads are shaped for the local store as well as for MongoDB. FerretDB on PostgreSQL hands only
 * top-level equalities to the backend, where the GIN indexes serve them; everything else (`$in`, `$or`,
 * ranges, sort, limit, distinct) it evaluates itself over every document the equalities select. So
 * `find`, `findVisible`, `findVisibleByIds`, `withAnyTopic` and `topicFrequencies` are one equality
 * lookup per id, slug or topic, merged here: they cost the number of matches. `page` and `count` with a
 * section or a tag cost that section's or tag's articles. The home page (`page` and `count` without a
 * filter) and `sections` select on `withdrawn: false` alone, which every live article matches: they
 * read the whole collection, and only a time bucket or a maintained counter would change that. On
 * MongoDB the schema's compound indexes serve every read either way.
 */
export class FeedItemRepository {
  constructor(private readonly collection: ProjectionCollection<FeedItem>) {}

  /** The same collection in `generation`. */
  in(generation: number): FeedItemRepository {
    return new FeedItemRepository(this.collection.in(generation));
  }

  private get model(): Model<FeedItem> {
    return this.collection.model;
  }

  /** Stores `version` of the article unless the same or a newer version is already here. */
  applyVersion(id: string, version: number, content: FeedItemContent): Promise<boolean> {
    return this.upsertIfNewer(id, version, { ...content, withdrawn: false });
  }

  /** Withdraws the article; a tombstone is kept so an older version arriving later stays out. */
  withdraw(id: string, version: number): Promise<boolean> {
    return this.upsertIfNewer(id, version, { withdrawn: true });
  }

  async page(filter: FeedFilter, limit: number, after?: FeedCursor): Promise<FeedItemRecord[]> {
    const query: QueryFilter<FeedItem> = { ...this.visible(filter) };
    if (after) {
      query.$or = [{ publishedAt: { $lt: after.publishedAt } }, { publishedAt: after.publishedAt, _id: { $lt: after.id } }];
    }
    return this.model.find(query).sort({ publishedAt: -1, _id: -1 }).limit(limit).lean<FeedItemRecord[]>().exec();
  }

  count(filter: FeedFilter): Promise<number> {
    // A section or tag selects few articles: counted from an index. The home page counts them all.
    if (filter.section || filter.tag) return countMatching(this.model, this.visible(filter));
    return this.model.countDocuments(this.visible(filter)).exec();
  }

  /** The stored document whatever its state (a withdrawn tombstone included), to check what a version left behind. */
  find(id: string): Promise<FeedItemRecord | null> {
    return this.model.findById(id).lean<FeedItemRecord>().exec();
  }

  /** A visible article by id or slug (the id wins when one article's id is another's slug). */
  async findVisible(idOrSlug: string): Promise<FeedItemRecord | null> {
    return (
      (await this.model.findOne({ _id: idOrSlug, withdrawn: false }).lean<FeedItemRecord>().exec()) ??
      (await this.model.findOne({ slug: idOrSlug, withdrawn: false }).lean<FeedItemRecord>().exec())
    );
  }

  /** The visible ones among `ids`, each once, in the order of `ids`. One lookup per id: callers ask for a page's worth. */
  async findVisibleByIds(ids: string[]): Promise<FeedItemRecord[]> {
    const found = await Promise.all(
      [...new Set(ids)].map((_id) => this.model.findOne({ _id, withdrawn: false }).lean<FeedItemRecord>().exec()),
    );
    return found.filter((item): item is FeedItemRecord => item !== null);
  }

  /** The newest visible articles sharing any of `topics`: the newest `limit` of each topic, merged. */
  async withAnyTopic(topics: string[], limit: number): Promise<FeedItemRecord[]> {
    const perTopic = await Promise.all(
      [...new Set(topics)].map((topic) =>
        this.model
          .find({ withdrawn: false, topics: topic })
          .sort({ publishedAt: -1, _id: -1 })
          .limit(limit)
          .lean<FeedItemRecord[]>()
          .exec(),
      ),
    );
    const byId = new Map(perTopic.flat().map((item) => [item._id, item]));
    const merged = [...byId.values()].sort(newestFirst);
    // As for the store's own limit, 0 means none.
    return limit > 0 ? merged.slice(0, limit) : merged;
  }

  /** Visible articles per topic: how rare each is. */
  async topicFrequencies(topics: string[]): Promise<Map<string, number>> {
    const counts = await Promise.all(topics.map((topic) => countMatching(this.model, { withdrawn: false, topics: topic })));
    return new Map(topics.map((topic, i) => [topic, counts[i]]));
  }

  /** Sections that have at least one visible article, alphabetically. */
  async sections(): Promise<string[]> {
    const sections = (await this.model.distinct('section', { withdrawn: false }).exec()) as unknown[];
    return sections.filter((section): section is string => typeof section === 'string' && section.length > 0).sort();
  }

  private visible(filter: FeedFilter): QueryFilter<FeedItem> {
    return {
      withdrawn: false,
      ...(filter.section ? { section: filter.section } : {}),
      ...(filter.tag ? { tags: filter.tag } : {}),
    };
  }

  private async upsertIfNewer(id: string, version: number, changes: Partial<FeedItem>): Promise<boolean> {
    const projectedAt = new Date();
    // Insert first: most events are an article's first, and on the local store an upsert that finds
    // nothing costs a scan of the collection, where an insert is a primary-key write.
    try {
      await this.model.create({ tags: [], topics: [], ...changes, _id: id, version, projectedAt });
      return true;
    } catch (error) {
      // This or another version is stored (or another writer, a rebuild beside the live consumer,
      // inserted it just now): the version-guarded update decides.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const result = await this.model
      .updateOne({ _id: id, version: { $lt: version } }, { $set: { ...changes, version, projectedAt } })
      .exec();
    return result.modifiedCount > 0;
  }
}

/** The feed's order, as the store sorts `{ publishedAt: -1, _id: -1 }`: newest first, then the higher id; no date last. */
function newestFirst(a: FeedItemRecord, b: FeedItemRecord): number {
  const time = (item: FeedItemRecord) => (item.publishedAt ? new Date(item.publishedAt).getTime() : -Infinity);
  return time(b) - time(a) || (a._id < b._id ? 1 : a._id > b._id ? -1 : 0);
}

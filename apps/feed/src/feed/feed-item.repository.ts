import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { FeedCursor } from './feed-cursor';
import { FeedItem } from './feed-item.schema';
import { ListBucketRepository } from './list-bucket.repository';
import { bucketsOf, HOME, kindRoot, ListDensity, ListName, listName, listValue } from './list-buckets';
import { periodsNewestFirst } from './period-walk';
import { ProjectionCollection } from './projection/projection-generations';

export type FeedItemRecord = FeedItem;
export type FeedItemContent = Omit<FeedItem, '_id' | 'version' | 'withdrawn' | 'projectedAt' | 'topics' | 'headlineKey' | 'listBuckets'> &
  Partial<Pick<FeedItem, 'topics' | 'headlineKey'>>;

export interface FeedFilter {
  section?: string;
  tag?: string;
}

/** The bucket tree's mark that every item of the generation has its list buckets. */
const BACKFILLED = 'items have list buckets';

/** The mark that every item of the generation has its minute buckets too (list-buckets.ts). */
const MINUTES = 'items have minute buckets';

/** Collections known to be marked (a mark is never removed), and when the others were last asked. */
const minutesMarked = new Set<string>();
const minutesAskedAt = new Map<string, number>();
const ASK_AGAIN_MS = 10_000;

const WITHOUT_BUCKETS = { listBuckets: 0 } as const;

/** How busy each list was when last read, for every repository of the process (list-buckets.ts). */
const density = new ListDensity();

/**
 * The only code that touches `feed_items` (in the active generation, or the one given to `in`), with
 * the tree of publication periods beside it (list-buckets.ts). Writes are conditional on the version, so
 * replays are harmless.
 *
 * Reads are shaped for the local store as well as for MongoDB. FerretDB on PostgreSQL hands only
 * top-level equalities to the backend, where the GIN indexes serve them; everything else (`$in`, `$or`,
 * ranges, sort, limit, distinct, count) it evaluates itself over every document the equalities select.
 * So every read here is an equality lookup whose matches are few: by id or slug, per month, day or hour
 * of a list. Lists are read through their periods, newest first (period-walk.ts), so a page costs the
 * periods it spans, not the size of the list or of the collection; counts stop at a bound. Reads for
 * readers leave out the items' bucket ids (about half of an item, of no use once it is read).
 */
export class FeedItemRepository {
  constructor(
    private readonly collection: ProjectionCollection<FeedItem>,
    private readonly buckets: ListBucketRepository,
  ) {}

  /** The same collection in `generation`. */
  in(generation: number): FeedItemRepository {
    return new FeedItemRepository(this.collection.in(generation), this.buckets.in(generation));
  }

  private get model(): Model<FeedItem> {
    return this.collection.model;
  }

  /** Stores `version` of the article unless the same or a newer version is already here. */
  async applyVersion(id: string, version: number, content: FeedItemContent): Promise<boolean> {
    const { keys, nodes } = content.publishedAt ? bucketsOf(content, content.publishedAt) : { keys: [], nodes: [] };
    // The nodes first: a stored item is always reachable from its lists, even after a crash in between.
    await this.buckets.ensure(nodes);
    return this.upsertIfNewer(id, version, { ...content, listBuckets: keys, withdrawn: false });
  }

  /** Withdraws the article; a tombstone is kept so an older version arriving later stays out. */
  withdraw(id: string, version: number): Promise<boolean> {
    return this.upsertIfNewer(id, version, { withdrawn: true, listBuckets: [] });
  }

  /** A page of the list, newest first, after `after`: read period by period from the newest. */
  async page(filter: FeedFilter, limit: number, after?: FeedCursor): Promise<FeedItemRecord[]> {
    return this.newest(listOf(filter), limit, after, inBoth(filter));
  }

  /**
   * How many visible articles the list holds, up to `upTo`: `null` when there are more. Counted
   * through the list's periods, newest first, stopping past the bound: an exact count of a large list
   * would read all of it on every page (lists are paged by cursor; past the bound a reader is told "many").
   */
  async count(filter: FeedFilter, upTo: number): Promise<number | null> {
    let counted = 0;
    for await (const items of this.periodsNewestFirst(listOf(filter))) {
      counted += items.filter(inBoth(filter)).length;
      if (counted > upTo) return null;
    }
    return counted;
  }

  /**
   * A page and the list's count up to `upTo` (see `count`). The first page and the count read the
   * same newest periods, so they are read once; a later page starts at its cursor, apart from the count.
   */
  async pageAndCount(
    filter: FeedFilter,
    limit: number,
    upTo: number,
    after?: FeedCursor,
  ): Promise<{ items: FeedItemRecord[]; total: number | null }> {
    if (after) {
      const [items, total] = await Promise.all([this.page(filter, limit, after), this.count(filter, upTo)]);
      return { items, total };
    }
    const found: FeedItemRecord[] = [];
    for await (const items of this.periodsNewestFirst(listOf(filter))) {
      found.push(...items.sort(newestFirst).filter(inBoth(filter)));
      if (found.length > upTo && found.length >= limit) return { items: found.slice(0, limit), total: null };
    }
    return { items: found.slice(0, limit), total: found.length > upTo ? null : found.length };
  }

  /** The stored document whatever its state (a withdrawn tombstone included), to check what a version left behind. */
  find(id: string): Promise<FeedItemRecord | null> {
    return this.model.findById(id).lean<FeedItemRecord>().exec();
  }

  /** A visible article by id or slug (the id wins when one article's id is another's slug). */
  async findVisible(idOrSlug: string): Promise<FeedItemRecord | null> {
    return (
      (await this.model.findOne({ _id: idOrSlug, withdrawn: false }).select(WITHOUT_BUCKETS).lean<FeedItemRecord>().exec()) ??
      (await this.model.findOne({ slug: idOrSlug, withdrawn: false }).select(WITHOUT_BUCKETS).lean<FeedItemRecord>().exec())
    );
  }

  /** The visible ones among `ids`, each once, in the order of `ids`. One lookup per id: callers ask for a page's worth. */
  async findVisibleByIds(ids: string[]): Promise<FeedItemRecord[]> {
    const found = await Promise.all(
      [...new Set(ids)].map((_id) => this.model.findOne({ _id, withdrawn: false }).select(WITHOUT_BUCKETS).lean<FeedItemRecord>().exec()),
    );
    return found.filter((item): item is FeedItemRecord => item !== null);
  }

  /**
   * The newest visible articles sharing any of `topics` (the newest `limit` of each topic, merged, cut
   * to `limit`), and how many articles each topic has, counted up to `limit`: how rare each is.
   */
  async withAnyTopic(topics: string[], limit: number): Promise<{ items: FeedItemRecord[]; frequencies: Map<string, number> }> {
    const distinct = [...new Set(topics)];
    const perTopic = await Promise.all(distinct.map((topic) => this.newest(listName('topic', topic), limit)));
    const byId = new Map(perTopic.flat().map((item) => [item._id, item]));
    return {
      items: [...byId.values()].sort(newestFirst).slice(0, limit),
      frequencies: new Map(distinct.map((topic, i) => [topic, perTopic[i].length])),
    };
  }

  /**
   * About how many articles are stored, withdrawn ones included, from the store's statistics
   * (PostgreSQL's estimate under FerretDB, exact on MongoDB): counting them costs a read of all.
   */
  async estimatedTotal(): Promise<number> {
    const stats = await this.model.db.db!.command({ collStats: this.model.collection.collectionName });
    return Math.max(0, Number(stats.count) || 0);
  }

  /**
   * Gives list buckets to visible items stored before lists were read through them; returns how many
   * it updated. Marks the collection done in its bucket tree, so it reads the collection once per
   * generation. Safe beside live writers: an item is only updated at the version it was read at and
   * while it still has no buckets.
   */
  async backfillListBuckets(onProgress: (updated: number) => void = () => undefined): Promise<number> {
    if (await this.buckets.isMarked(BACKFILLED)) return 0;
    let updated = 0;
    const legacy = this.model
      .find({ withdrawn: false, listBuckets: { $exists: false } })
      .lean<FeedItemRecord[]>()
      .cursor({ batchSize: 500 });
    for await (const item of legacy) {
      if (!item.publishedAt) continue;
      const { keys, nodes } = bucketsOf(item, new Date(item.publishedAt));
      await this.buckets.ensure(nodes);
      const result = await this.model
        .updateOne({ _id: item._id, version: item.version, listBuckets: { $exists: false } }, { $set: { listBuckets: keys } })
        .exec();
      updated += result.modifiedCount;
      if (updated > 0 && updated % 1000 === 0) onProgress(updated);
    }
    await this.markListBucketsComplete();
    return updated;
  }

  /** Records that every item here has its list buckets: a backfill finished, or a generation this release builds. */
  async markListBucketsComplete(): Promise<void> {
    await this.buckets.mark(BACKFILLED);
  }

  /**
   * Records that every item here has its minute buckets: in a generation this release builds, or (with
   * `onlyIfEmpty`) one with no items yet. Items projected earlier have none: such a generation reads
   * even its busiest lists by hours until `npm run feed:rebuild`.
   */
  async markMinuteBuckets(onlyIfEmpty = false): Promise<boolean> {
    if (onlyIfEmpty && (await this.model.exists({})) !== null) return false;
    await this.buckets.mark(MINUTES);
    minutesMarked.add(this.collectionName);
    return true;
  }

  private get collectionName(): string {
    return `${this.model.db.name}.${this.model.collection.collectionName}`;
  }

  private async hasMinuteBuckets(): Promise<boolean> {
    const name = this.collectionName;
    if (minutesMarked.has(name)) return true;
    if (Date.now() - (minutesAskedAt.get(name) ?? 0) < ASK_AGAIN_MS) return false;
    minutesAskedAt.set(name, Date.now());
    if (!(await this.buckets.isMarked(MINUTES))) return false;
    minutesMarked.add(name);
    return true;
  }

  /** Whether any article is visible. */
  async hasVisible(): Promise<boolean> {
    return (await this.model.exists({ withdrawn: false })) !== null;
  }

  /** Sections that have at least one visible article, alphabetically. */
  async sections(): Promise<string[]> {
    const lists = await this.buckets.children(kindRoot('section'));
    const live = await Promise.all(
      lists.map(async (list) => {
        const section = listValue(list);
        return (await this.model.exists({ withdrawn: false, section })) !== null ? [section] : [];
      }),
    );
    return live.flat().sort();
  }

  /** The newest `limit` visible items of `list` (that `keep` accepts) after `after`. */
  private async newest(
    list: ListName,
    limit: number,
    after?: FeedCursor,
    keep: (item: FeedItemRecord) => boolean = () => true,
  ): Promise<FeedItemRecord[]> {
    const found: FeedItemRecord[] = [];
    if (limit <= 0) return found;
    for await (const items of this.periodsNewestFirst(list, after?.publishedAt)) {
      found.push(...items.sort(newestFirst).filter((item) => keep(item) && (!after || isAfter(item, after))));
      if (found.length >= limit) break;
    }
    return found.slice(0, limit);
  }

  /** The visible items of `list`, one period at a time, newest first (period-walk.ts). */
  private async *periodsNewestFirst(list: ListName, from?: Date): AsyncGenerator<FeedItemRecord[]> {
    yield* periodsNewestFirst(
      { children: (parent) => this.buckets.children(parent), itemsIn: (bucket) => this.itemsIn(bucket) },
      { list, from, finest: (await this.hasMinuteBuckets()) ? 'minute' : 'hour', density },
    );
  }

  /** The visible items of one month, day, hour or minute of a list. */
  private itemsIn(bucket: string): Promise<FeedItemRecord[]> {
    return this.model.find({ withdrawn: false, listBuckets: bucket }).select(WITHOUT_BUCKETS).lean<FeedItemRecord[]>().exec();
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

/** Whether `item` comes after the cursor in the feed's order. */
function isAfter(item: FeedItemRecord, after: FeedCursor): boolean {
  const time = item.publishedAt ? new Date(item.publishedAt).getTime() : -Infinity;
  const cursorTime = after.publishedAt.getTime();
  return time < cursorTime || (time === cursorTime && item._id < after.id);
}

/** Whether an item of the filter's list (listOf) also passes the rest of the filter. */
function inBoth(filter: FeedFilter): (item: FeedItemRecord) => boolean {
  return (item) => !filter.section || !filter.tag || item.section === filter.section;
}

/** The list a filter names: a tag's when a tag is given (narrower than a section), else the section's, else the home page. */
function listOf(filter: FeedFilter): ListName {
  if (filter.tag) return listName('tag', filter.tag);
  if (filter.section) return listName('section', filter.section);
  return HOME;
}

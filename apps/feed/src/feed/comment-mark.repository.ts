import { Model } from 'mongoose';
import { countMatching, DUPLICATE_KEY } from '@frontpage/platform';
import { CommentMark } from './comment-mark.schema';
import { ProjectionCollection } from './projection/projection-generations';
import { bucketKeysOf, bucketsCovering } from './time-window';

/** Bucket queries of one "most commented" in flight at once: a year's window is ~390 of them. */
const BUCKET_QUERIES_AT_ONCE = 8;

/**
 * The only code that touches `feed_comment_marks` (in the active generation, or the one given to
 * `in`). One document per comment, so an article's count is exact however often an event is applied.
 */
export class CommentMarkRepository {
  constructor(private readonly collection: ProjectionCollection<CommentMark>) {}

  /** The same collection in `generation`. */
  in(generation: number): CommentMarkRepository {
    return new CommentMarkRepository(this.collection.in(generation));
  }

  private get model(): Model<CommentMark> {
    return this.collection.model;
  }

  /** Records the comment as visible or not at `revision`, unless this or a later revision is stored. */
  async mark(commentId: string, articleId: string, revision: number, visible: boolean, at?: Date): Promise<boolean> {
    const changes = { articleId, revision, visible, ...(at ? { at, ...bucketKeysOf(at) } : {}) };
    // Insert first: a comment's first event is the common one, and on the local store an upsert
    // that finds nothing costs a scan of the collection, where an insert is a primary-key write.
    try {
      await this.model.create({ ...changes, _id: commentId });
      return true;
    } catch (error) {
      // This or a later revision is stored (or another writer, a rebuild beside the live consumer,
      // inserted the mark just now): the revision-guarded update decides.
      if ((error as { code?: number }).code !== DUPLICATE_KEY) throw error;
    }
    const result = await this.model.updateOne({ _id: commentId, revision: { $lt: revision } }, { $set: changes }).exec();
    return result.modifiedCount > 0;
  }

  /**
   * Visible comments per article, for the given articles (absent ones have none). One equality count
   * per article (callers ask for a page's worth): FerretDB on PostgreSQL evaluates `$in` itself over
   * every visible mark, where it hands `{ articleId, visible }` to an index.
   */
  async countVisible(articleIds: string[]): Promise<Map<string, number>> {
    const ids = [...new Set(articleIds)];
    const counts = await Promise.all(ids.map((articleId) => countMatching(this.model, { articleId, visible: true })));
    return new Map(ids.flatMap((articleId, i) => (counts[i] > 0 ? [[articleId, counts[i]] as const] : [])));
  }

  /**
   * Articles with the most comments made visible since `since`, most first (ties by id, descending,
   * so the order is stable). Reads only the marks of the window: one `{ atDay | atHour, visible }`
   * equality match per bucket covering [since, now], which FerretDB on PostgreSQL hands to an index
   * (a range on `at` it would evaluate itself over every visible mark ever); the first bucket may
   * start before `since`, so marks are kept by `at`, then counted and ranked here. Marks from before
   * the bucket keys existed are not counted (see `CommentMark.atHour`).
   */
  async mostCommentedSince(since: Date, limit: number): Promise<{ articleId: string; count: number }[]> {
    const counts = new Map<string, number>();
    await forEachAtMost(BUCKET_QUERIES_AT_ONCE, bucketsCovering(since, new Date()), async (bucket) => {
      const marks = await this.model
        .find({ ...bucket, visible: true })
        .select({ _id: 0, articleId: 1, at: 1 })
        .lean<Pick<CommentMark, 'articleId' | 'at'>[]>()
        .exec();
      for (const mark of marks) {
        if (mark.at && mark.at.getTime() >= since.getTime()) counts.set(mark.articleId, (counts.get(mark.articleId) ?? 0) + 1);
      }
    });
    return [...counts]
      .map(([articleId, count]) => ({ articleId, count }))
      .sort((a, b) => b.count - a.count || (a.articleId < b.articleId ? 1 : a.articleId > b.articleId ? -1 : 0))
      .slice(0, limit);
  }
}

/** Runs `work` on every item, at most `limit` at a time; rejects with the first failure. */
async function forEachAtMost<T>(limit: number, items: readonly T[], work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next++];
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

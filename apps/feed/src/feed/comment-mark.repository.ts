import { Model } from 'mongoose';
import { countMatching } from '@frontpage/platform';
import { CommentMark } from './comment-mark.schema';
import { ProjectionCollection } from './projection/projection-generations';

const DUPLICATE_KEY = 11000;

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
    const changes = { articleId, revision, visible, ...(at ? { at } : {}) };
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
   * Articles with the most comments made visible since `since`, most first (ties by id, so the order
   * is stable). On FerretDB this reads every visible mark (`at` is a range, which it evaluates
   * itself); only a time bucket to match on would bound it by the window.
   */
  async mostCommentedSince(since: Date, limit: number): Promise<{ articleId: string; count: number }[]> {
    const rows = await this.model
      .aggregate<{ _id: string; count: number }>([
        { $match: { visible: true, at: { $gte: since } } },
        { $group: { _id: '$articleId', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: -1 } },
        { $limit: limit },
      ])
      .exec();
    return rows.map((row) => ({ articleId: row._id, count: row.count }));
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CommentMark } from './comment-mark.schema';

const DUPLICATE_KEY = 11000;

/** The only code that touches `feed_comment_marks`. */
@Injectable()
export class CommentMarkRepository {
  constructor(@InjectModel(CommentMark.name) private readonly model: Model<CommentMark>) {}

  /** Records the comment as visible or not at `revision`, unless this or a later revision is stored. */
  async mark(commentId: string, articleId: string, revision: number, visible: boolean, at?: Date): Promise<boolean> {
    try {
      const result = await this.model
        .updateOne(
          { _id: commentId, revision: { $lt: revision } },
          { $set: { articleId, revision, visible, ...(at ? { at } : {}) } },
          { upsert: true },
        )
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      // The filter missed because this or a newer revision is stored; the upsert then collides on _id.
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Visible comments per article, for the given articles (absent ones have none). */
  async countVisible(articleIds: string[]): Promise<Map<string, number>> {
    if (articleIds.length === 0) return new Map();
    const rows = await this.model
      .aggregate<{ _id: string; count: number }>([
        { $match: { articleId: { $in: articleIds }, visible: true } },
        { $group: { _id: '$articleId', count: { $sum: 1 } } },
      ])
      .exec();
    return new Map(rows.map((row) => [row._id, row.count]));
  }

  /** Articles with the most comments made visible since `since`, most first (ties by id, so the order is stable). */
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

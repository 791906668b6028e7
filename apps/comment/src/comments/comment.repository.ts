import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model, QueryFilter } from 'mongoose';
import { countMatching, DUPLICATE_KEY } from '@frontpage/platform';
import { CommentOrder, sortOf } from './comment-cursor';
import { Comment } from './comment.schema';
import type { CommentStatus } from './moderation/pipeline';

export type CommentRecord = Comment;

export interface QueueFilter {
  status?: CommentStatus;
  articleId?: string;
}

/** The only code that touches `comments`. */
@Injectable()
export class CommentRepository {
  constructor(@InjectModel(Comment.name) private readonly model: Model<Comment>) {}

  /** False when a comment with this id exists already: the submission was delivered before. */
  async insert(comment: Comment): Promise<boolean> {
    try {
      await this.model.create(comment);
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  findById(id: string): Promise<CommentRecord | null> {
    return this.model.findById(id).lean<CommentRecord>().exec();
  }

  async hasRepeat(commenterHash: string, textHash: string, exceptId: string): Promise<boolean> {
    return (await this.model.exists({ commenterHash, textHash, _id: { $ne: exceptId } }).exec()) !== null;
  }

  /** The commenter's other comment submitted closest before `at`, within `windowMs` either side. */
  async neighbourSubmittedAt(commenterHash: string, exceptId: string, at: Date, windowMs: number): Promise<Date | undefined> {
    const found = await this.model
      .findOne({
        commenterHash,
        _id: { $ne: exceptId },
        submittedAt: { $gt: new Date(at.getTime() - windowMs), $lt: new Date(at.getTime() + windowMs) },
      })
      .sort({ submittedAt: -1 })
      .lean<CommentRecord>()
      .exec();
    return found?.submittedAt;
  }

  async hasApproved(commenterHash: string): Promise<boolean> {
    return (await this.model.exists({ commenterHash, status: 'approved' }).exec()) !== null;
  }

  /**
   * Moves a comment to `to` if it is in one of `from`, bumping its revision: a single-document
   * conditional update, so two moderators acting at once cannot both win.
   */
  transition(id: string, from: CommentStatus[], to: CommentStatus, changes: Partial<Comment>): Promise<CommentRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, status: { $in: from } },
        { $set: { ...changes, status: to }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean<CommentRecord>()
      .exec();
  }

  setFeatured(id: string, featured: boolean): Promise<CommentRecord | null> {
    return this.model
      .findOneAndUpdate(
        { _id: id, status: 'approved', featured: !featured },
        { $set: { featured }, $inc: { revision: 1 } },
        { returnDocument: 'after' },
      )
      .lean<CommentRecord>()
      .exec();
  }

  /** Recounts rather than increments, so repeating it after a crash gives the same numbers. */
  async recountReplies(ids: string[]): Promise<void> {
    await Promise.all(
      ids.map(async (id) => {
        const repliesCount = await countMatching(this.model, { ancestors: id, status: 'approved' });
        await this.model.updateOne({ _id: id }, { $set: { repliesCount } }).exec();
      }),
    );
  }

  topLevel(articleId: string, order: CommentOrder, limit: number, after?: Record<string, unknown>): Promise<CommentRecord[]> {
    const filter: QueryFilter<Comment> = { articleId, status: 'approved', depth: 0, ...(after ?? {}) };
    return this.model.find(filter).sort(sortOf(order)).limit(limit).lean<CommentRecord[]>().exec();
  }

  /** The approved replies in the given threads, oldest first. */
  replies(rootIds: string[]): Promise<CommentRecord[]> {
    if (rootIds.length === 0) return Promise.resolve([]);
    return this.model
      .find({ rootId: { $in: rootIds }, status: 'approved', depth: { $gt: 0 } })
      .sort(sortOf('oldest'))
      .lean<CommentRecord[]>()
      .exec();
  }

  countApproved(articleId: string): Promise<number> {
    return countMatching(this.model, { articleId, status: 'approved' });
  }

  queue(filter: QueueFilter, limit: number, after?: Record<string, unknown>): Promise<CommentRecord[]> {
    const query: QueryFilter<Comment> = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.articleId ? { articleId: filter.articleId } : {}),
      ...(after ?? {}),
    };
    return this.model.find(query).sort(sortOf('oldest')).limit(limit).lean<CommentRecord[]>().exec();
  }

  countQueue(filter: QueueFilter): Promise<number> {
    return this.model
      .countDocuments({ ...(filter.status ? { status: filter.status } : {}), ...(filter.articleId ? { articleId: filter.articleId } : {}) })
      .exec();
  }
}

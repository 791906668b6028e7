import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { CommentSubmittedData } from '@frontpage/contracts';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { AwaitingComment } from './awaiting-comment.schema';

const UNCLAIMED = new Date(0);

/** The only code that touches `comments_awaiting_article`. */
@Injectable()
export class AwaitingCommentRepository {
  constructor(@InjectModel(AwaitingComment.name) private readonly model: Model<AwaitingComment>) {}

  /** False when the comment was parked already (a redelivery). */
  async park(submission: CommentSubmittedData, articleRef: string, now: Date): Promise<boolean> {
    const parked: AwaitingComment = {
      _id: submission.commentId,
      articleRef,
      submission,
      submittedAt: new Date(submission.submittedAt),
      parkedAt: now,
      claimedUntil: UNCLAIMED,
    };
    try {
      const result = await this.model.updateOne({ _id: submission.commentId }, { $setOnInsert: parked }, { upsert: true }).exec();
      return result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** The comments waiting for any of `articleRefs`, in submission order. */
  waitingFor(articleRefs: string[], limit: number): Promise<AwaitingComment[]> {
    return this.model
      .find({ articleRef: { $in: articleRefs } })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(limit)
      .lean<AwaitingComment[]>()
      .exec();
  }

  /** Comments parked at or before `parkedBy` that no sweep holds, in submission order. */
  due(parkedBy: Date, now: Date, limit: number): Promise<AwaitingComment[]> {
    return this.model
      .find({ parkedAt: { $lte: parkedBy }, claimedUntil: { $lte: now } })
      .sort({ submittedAt: 1, _id: 1 })
      .limit(limit)
      .lean<AwaitingComment[]>()
      .exec();
  }

  /**
   * A conditional single-document update: of two sweeps reaching the same comment, usually one claims
   * it. Only usually: FerretDB 1.x applies a conditional update as a read then a write, so both may
   * win; moderation is idempotent by comment id, and only the run that removes the parked copy counts it.
   */
  async claim(id: string, now: Date, until: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: id, claimedUntil: { $lte: now } }, { $set: { claimedUntil: until } }).exec();
    return result.modifiedCount > 0;
  }

  /** True for the one caller that removed it. */
  async remove(id: string): Promise<boolean> {
    const result = await this.model.deleteOne({ _id: id }).exec();
    return result.deletedCount > 0;
  }

  findById(id: string): Promise<AwaitingComment | null> {
    return this.model.findById(id).lean<AwaitingComment>().exec();
  }

  count(): Promise<number> {
    return this.model.countDocuments().exec();
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { FeedKind, FeedSource } from './feed-source.schema';

export type FeedSourceRecord = FeedSource;

/** What a publisher chooses when registering a feed; everything else starts the same for every feed. */
export type FeedSourceRegistration = Pick<FeedSourceRecord, '_id' | 'owner' | 'url' | 'name' | 'kind' | 'intervalSeconds'>;

/** A feed as registered: healthy, due now, nothing read yet, unclaimed. */
export function newFeedSource(registration: FeedSourceRegistration, now: Date): FeedSourceRecord {
  return {
    ...registration,
    health: 'healthy',
    consecutiveFailures: 0,
    nextPollAt: now,
    entriesInFeed: 0,
    entriesPublished: 0,
    entriesRejected: 0,
    claimedUntil: new Date(0),
    createdAt: now,
    updatedAt: now,
  };
}

export class DuplicateSourceError extends Error {
  constructor() {
    super('this source already has a feed with that url');
  }
}

/** How a poll ended, as written back when the lease is given up. */
export interface PollRecord {
  set: Partial<
    Pick<
      FeedSource,
      | 'health'
      | 'consecutiveFailures'
      | 'lastError'
      | 'lastErrorAt'
      | 'lastPolledAt'
      | 'lastSuccessAt'
      | 'nextPollAt'
      | 'etag'
      | 'lastModified'
      | 'entriesInFeed'
    >
  >;
  unset: ('lastError' | 'lastErrorAt' | 'etag' | 'lastModified')[];
  inc: { entriesPublished: number; entriesRejected: number };
}

/** The only code that touches the `feed_sources` collection. */
@Injectable()
export class FeedSourceRepository {
  constructor(@InjectModel(FeedSource.name) private readonly model: Model<FeedSource>) {}

  async insert(source: FeedSourceRecord): Promise<void> {
    try {
      await this.model.create(source);
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) throw new DuplicateSourceError();
      throw error;
    }
  }

  findById(id: string): Promise<FeedSourceRecord | null> {
    return this.model.findById(id).lean<FeedSourceRecord>().exec();
  }

  findByOwnerAndUrl(owner: string, url: string): Promise<FeedSourceRecord | null> {
    return this.model.findOne({ owner, url }).lean<FeedSourceRecord>().exec();
  }

  listByOwner(owner: string): Promise<FeedSourceRecord[]> {
    return this.model.find({ owner }).sort({ createdAt: 1, _id: 1 }).lean<FeedSourceRecord[]>().exec();
  }

  /** A new name, kind or interval; a new kind also forgets the validators, so the next poll reads it all. */
  async updateRegistration(id: string, changes: { name: string; kind: FeedKind; intervalSeconds: number }, kindChanged: boolean) {
    await this.model
      .updateOne(
        { _id: id },
        { $set: { ...changes, updatedAt: new Date() }, ...(kindChanged ? { $unset: { etag: 1, lastModified: 1 } } : {}) },
      )
      .exec();
  }

  async delete(id: string): Promise<boolean> {
    return (await this.model.deleteOne({ _id: id }).exec()).deletedCount === 1;
  }

  /** Sources whose poll is due and that nobody is polling, the longest waiting first. */
  findDue(now: Date, limit: number): Promise<FeedSourceRecord[]> {
    return this.model
      .find({ nextPollAt: { $lte: now }, claimedUntil: { $lte: now } })
      .sort({ nextPollAt: 1, _id: 1 })
      .limit(limit)
      .lean<FeedSourceRecord[]>()
      .exec();
  }

  /** Shows the source as being polled until `until` (see `FeedSource.claimedUntil`). */
  async markClaimed(id: string, due: Date, claimedBy: string, until: Date): Promise<void> {
    await this.model.updateOne({ _id: id, nextPollAt: due }, { $set: { claimedBy, claimedUntil: until } }).exec();
  }

  /**
   * Records how the poll scheduled at `due` ended (which moves `nextPollAt` on); false when the
   * source is gone or was polled by someone else meanwhile. Only the claim's holder calls this.
   */
  async recordPoll(id: string, due: Date, record: PollRecord): Promise<boolean> {
    const unset = Object.fromEntries(record.unset.map((field) => [field, 1]));
    const result = await this.model
      .updateOne(
        { _id: id, nextPollAt: due },
        {
          $set: { ...record.set, claimedUntil: new Date(0), updatedAt: new Date() },
          $inc: record.inc,
          $unset: { ...unset, claimedBy: 1 },
        },
      )
      .exec();
    return result.matchedCount === 1;
  }
}

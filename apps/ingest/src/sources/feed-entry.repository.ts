import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { createHash } from 'node:crypto';
import { EntryOutcome, FeedEntry } from './feed-entry.schema';

export interface HandledEntry {
  entryId: string;
  fingerprint: string;
  outcome: EntryOutcome;
  articleId?: string;
  reason?: string;
}

/** The only code that touches the `feed_entries` collection. */
@Injectable()
export class FeedEntryRepository {
  constructor(@InjectModel(FeedEntry.name) private readonly model: Model<FeedEntry>) {}

  /** The fingerprint each of these entries had when last handled; entries never seen are absent. */
  async fingerprints(feedSourceId: string, entryIds: string[]): Promise<Map<string, string>> {
    if (entryIds.length === 0) return new Map();
    const found = await this.model
      .find({ _id: { $in: entryIds.map((entryId) => recordId(feedSourceId, entryId)) } }, { entryId: 1, fingerprint: 1 })
      .lean<Pick<FeedEntry, 'entryId' | 'fingerprint'>[]>()
      .exec();
    return new Map(found.map((entry) => [entry.entryId, entry.fingerprint]));
  }

  async record(feedSourceId: string, entry: HandledEntry, at: Date): Promise<void> {
    const { articleId, reason, ...rest } = entry;
    // Empty operators are refused by some MongoDB-compatible stores: name only what changes.
    const unset = { ...(articleId ? {} : { articleId: 1 }), ...(reason ? {} : { reason: 1 }) };
    await this.model
      .updateOne(
        { _id: recordId(feedSourceId, entry.entryId) },
        {
          $set: { feedSourceId, ...rest, handledAt: at, ...(articleId ? { articleId } : {}), ...(reason ? { reason } : {}) },
          ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
        },
        { upsert: true },
      )
      .exec();
  }

  countForSource(feedSourceId: string): Promise<number> {
    return this.model.countDocuments({ feedSourceId }).exec();
  }

  async deleteForSource(feedSourceId: string): Promise<void> {
    await this.model.deleteMany({ feedSourceId }).exec();
  }
}

function recordId(feedSourceId: string, entryId: string): string {
  return `${feedSourceId}:${createHash('sha256').update(entryId, 'utf8').digest('hex')}`;
}

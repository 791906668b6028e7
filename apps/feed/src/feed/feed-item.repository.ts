import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { QueryFilter, Model } from 'mongoose';
import { FeedCursor } from './feed-cursor';
import { FeedItem } from './feed-item.schema';

export type FeedItemRecord = FeedItem;
export type FeedItemContent = Omit<FeedItem, '_id' | 'version' | 'withdrawn' | 'projectedAt'>;

export interface FeedFilter {
  section?: string;
  tag?: string;
}

const DUPLICATE_KEY = 11000;

/** The only code that touches `feed_items`. Writes are conditional on the version, so replays are harmless. */
@Injectable()
export class FeedItemRepository {
  constructor(@InjectModel(FeedItem.name) private readonly model: Model<FeedItem>) {}

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
    return this.model.countDocuments(this.visible(filter)).exec();
  }

  private visible(filter: FeedFilter): QueryFilter<FeedItem> {
    return {
      withdrawn: false,
      ...(filter.section ? { section: filter.section } : {}),
      ...(filter.tag ? { tags: filter.tag } : {}),
    };
  }

  private async upsertIfNewer(id: string, version: number, changes: Partial<FeedItem>): Promise<boolean> {
    try {
      const result = await this.model
        .updateOne({ _id: id, version: { $lt: version } }, { $set: { ...changes, version, projectedAt: new Date() } }, { upsert: true })
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      // The filter missed because this or a newer version is stored; the upsert then collides on _id.
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection, Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { ArticleBandKey, ArticleBandKeySchema, BAND_KEY_COLLECTION } from './article-band-key.schema';

/** An article holding a band key. */
export type BandKeyHolder = Omit<ArticleBandKey, '_id'>;

/**
 * Holders one key may have. A key held this often belongs to boilerplate (a recurring table, a
 * standard notice) or to a story copied everywhere: later articles still read its slots, oldest
 * first, but no longer join it.
 */
export const MAX_HOLDERS_PER_KEY = 64;

const slotId = (key: string, slot: number) => `${key}#${slot}`;
const isDuplicate = (error: unknown) => (error as { code?: number }).code === DUPLICATE_KEY;

/**
 * The only code that touches `article_band_keys` (see the schema for why it is shaped this way). Keys
 * are written `<band in hex>:<values>` (minhash.ts).
 */
@Injectable()
export class ArticleBandKeyRepository {
  private readonly model: Model<ArticleBandKey>;

  constructor(@InjectConnection() connection: Connection) {
    this.model = (connection.models[ArticleBandKey.name] ??
      connection.model(ArticleBandKey.name, ArticleBandKeySchema, BAND_KEY_COLLECTION)) as Model<ArticleBandKey>;
  }

  /**
   * Takes slot 0 of every key for `holder`, in one insert. Returns the keys whose slot 0 was already
   * taken (by another article, or by this one on a redelivery): the only keys worth reading.
   */
  async claim(keys: string[], holder: BandKeyHolder): Promise<string[]> {
    try {
      await this.model.insertMany(
        keys.map((key) => ({ _id: slotId(key, 0), ...holder })),
        { ordered: false, lean: true },
      );
      return [];
    } catch (error) {
      const refused = duplicateIndexes(error);
      if (!refused) throw error;
      return keys.filter((_, index) => refused.has(index));
    }
  }

  /**
   * Adds `holder` to a key it could not claim, in the first free slot, and returns that slot: the
   * number of slots below it, held before. Slots are found by inserting, which the store checks by
   * index. A key with MAX_HOLDERS_PER_KEY holders is not joined, and MAX_HOLDERS_PER_KEY is returned.
   */
  async join(key: string, holder: BandKeyHolder): Promise<number> {
    let slot = 1;
    while (slot < MAX_HOLDERS_PER_KEY && !(await this.insert(key, slot, holder))) slot++;
    return slot;
  }

  /** Who holds the slot of the key, if anyone (a slot read by `_id` alone). */
  async holderAt(key: string, slot: number): Promise<BandKeyHolder | undefined> {
    const document = await this.model.findById(slotId(key, slot)).lean<ArticleBandKey>().exec();
    return document ? { articleId: document.articleId, source: document.source, createdAt: new Date(document.createdAt) } : undefined;
  }

  /** Whether the slot was free (and is now the holder's). */
  private async insert(key: string, slot: number, holder: BandKeyHolder): Promise<boolean> {
    try {
      await this.model.create({ _id: slotId(key, slot), ...holder });
      return true;
    } catch (error) {
      if (isDuplicate(error)) return false;
      throw error;
    }
  }
}

/** The positions of the documents an unordered insert refused as duplicates, or undefined if anything else failed. */
function duplicateIndexes(error: unknown): Set<number> | undefined {
  const writeErrors = (error as { writeErrors?: { code?: number; index?: number }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) {
    return writeErrors.every((e) => e.code === DUPLICATE_KEY && typeof e.index === 'number')
      ? new Set(writeErrors.map((e) => e.index!))
      : undefined;
  }
  return undefined;
}

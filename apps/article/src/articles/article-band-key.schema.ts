import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The near-duplicate lookup's keys: which articles hold a MinHash band key (minhash.ts). One collection,
 * `article_band_keys`, with one document per (key, holder): `_id: "<bandKey>#<slot>"` (band keys start
 * with their band), slots 0, 1, 2… taken in turn. The first article with a key takes slot 0, a later
 * near-copy the next free slot.
 *
 * Why this shape:
 * - A new article inserts slot 0 of all its keys in one `insertMany` (one round trip; the unique
 *   check of an insert is an index lookup on every store): a key nobody holds is simply claimed, and
 *   a refused insert is the only sign that another article shares the key. An unrelated article
 *   shares a key with a given one with probability ~10^-8, so most lookups read nothing and do not
 *   grow with the store. For a refused key the article inserts itself into the next slots until one is
 *   free, then reads the slots below it by `_id`, oldest first, until the original is found
 *   (near-duplicate-finder.ts): usually one slot per shared key. On MongoDB, and on FerretDB on
 *   PostgreSQL with the GIN indexes the local infrastructure adds, each read is an `_id` index lookup;
 *   on FerretDB on SQLite it is a scan of this collection, paid only by articles that have a near-copy.
 * - Every write is an insert of its own `_id`, never an update of a shared document: FerretDB applies
 *   `$push`/`$addToSet` and conditional updates as a read then a write, so two copies of one story
 *   arriving together could lose one holder. Two writers racing for a slot get one each.
 * - A document per (key, holder) with `_id: "<bandKey>:<articleId>"` would need a prefix read: a range,
 *   which FerretDB evaluates by reading the whole collection.
 * - One collection, not one per band: one insert of 16 documents cost 1.8 ms where 16 inserts into 16
 *   collections cost 16 ms (FerretDB on PostgreSQL, loaded machine).
 *
 * Articles stored before these keys existed hold none and are never candidates; no migration is
 * needed: a copy of one is published as an original, and a story re-sent by its own source still
 * revises it by `sourceId`. Keys older than the duplicate window are skipped when read, not deleted.
 */
@Schema({ versionKey: false })
export class ArticleBandKey {
  /** `<bandKey>#<slot>`. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ type: String, required: true })
  articleId: string;

  @Prop({ type: String, required: true })
  source: string;

  /** The holder's creation time: the oldest original wins, and holders outside the window are ignored. */
  @Prop({ type: Date, required: true })
  createdAt: Date;
}

export const ArticleBandKeySchema = SchemaFactory.createForClass(ArticleBandKey);

export const BAND_KEY_COLLECTION = 'article_band_keys';

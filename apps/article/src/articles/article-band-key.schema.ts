import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The near-duplicate lookup's keys: which articles hold a MinHash band key (minhash.ts). One collection
 * per band, `article_band_keys_<band>`, and in it one document per (key, holder): `_id:
 * "<bandKey>#<slot>"`, slots 0, 1, 2… taken in turn. The first article with a key takes slot 0, a
 * later near-copy the next free slot.
 *
 * Why this shape (measured on FerretDB 1.24 / SQLite, the local store; production may be MongoDB,
 * where every step below is an `_id` index lookup):
 * - FerretDB serves no read from an index. `{ _id: value }` is filtered inside SQLite, but by a scan
 *   (about 3 µs a key document: 46 ms at 16 000); `_id: { $in }`, `_id` ranges (so prefixes), other
 *   fields and sorts are scanned in FerretDB itself (20–40 µs a document: 600 ms for an `$in` at
 *   16 000). What it does serve from an index is the unique check of an insert (about 1 ms at any size).
 * - So a new article inserts slot 0 of each of its keys: a key nobody holds is claimed at index cost,
 *   and a refused insert is the only sign that another article shares the key. An unrelated article
 *   shares a key with a given one with probability ~10^-8, so most lookups read nothing and do not
 *   grow with the store. For a refused key the article inserts itself into the next slots until one
 *   is free (again index cost), then reads the slots below it by `_id` equality, oldest first, until
 *   the original is found (near-duplicate-finder.ts): usually one slot per shared key. On FerretDB each
 *   such read is a scan of that band's collection, paid only by articles that have a near-copy; one
 *   collection per band makes it 1/16 of one shared collection's scan.
 * - Every write is an insert of its own `_id`, never an update of a shared document: FerretDB applies
 *   `$push`/`$addToSet` and conditional updates as a read then a write, so two copies of one story
 *   arriving together could lose one holder. Two writers racing for a slot get one each.
 * - A document per (key, holder) with `_id: "<bandKey>:<articleId>"` would need a prefix read: a range,
 *   so a full scan in FerretDB for every lookup.
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

export const bandKeyCollection = (band: number) => `article_band_keys_${band.toString(16)}`;

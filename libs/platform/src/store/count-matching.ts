import type { Model, QueryFilter } from 'mongoose';

/**
 * How many documents match a selective equality filter, counted from their ids. FerretDB 1.x gives no
 * part of a `count` to its backend (every count reads the whole collection: 3 s at 100 000 documents),
 * while a find's top-level equality filter goes to PostgreSQL, where the local store's GIN indexes serve
 * it: so this costs the number of matches, not the size of the collection. On MongoDB a count over the
 * index would save sending the ids; use it only where matches are few (one article's comments, one
 * topic, one section), never for "everything". With `upTo`, counting stops there (the result is then
 * at most `upTo`): FerretDB stops reading once the limit is reached.
 */
export async function countMatching<T>(model: Model<T>, filter: QueryFilter<T>, upTo?: number): Promise<number> {
  const query = model.find(filter).select({ _id: 1 });
  if (upTo !== undefined) query.limit(upTo);
  const ids = await query.lean().exec();
  return ids.length;
}

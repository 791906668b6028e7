import type { Model, QueryFilter } from 'mongoose';

/**
 * How many documents match a selective equality filter, counted from their ids. FerretDB 1.x gives no
 * part of a `count` to its backend (every count reads the whole collection: 3 s at 100 000 documents),
 * while a find's top-level equality filter goes to PostgreSQL, where the local store's GIN indexes serve
 * it: so this costs the number of matches, not the size of the collection. On MongoDB a count over the
 * index would save sending the ids; use it only where matches are few (one article's comments, one
 * topic, one section), never for "everything".
 */
export async function countMatching<T>(model: Model<T>, filter: QueryFilter<T>): Promise<number> {
  const ids = await model.find(filter).select({ _id: 1 }).lean().exec();
  return ids.length;
}

import { Model } from 'mongoose';
import { isOnlyDuplicateKeys } from '@frontpage/platform';
import { ListBucket } from './list-bucket.schema';
import { ListBucketNode } from './list-buckets';
import { ProjectionCollection } from './projection/projection-generations';

/** Marks are kept under a parent no list node has (list names never start with `#`). */
const MARKS = '#marks:';

/**
 * Node ids this process has seen stored, per collection, so that an article's nodes (one to four per
 * list, nearly all there already) cost nothing after the first. Nodes are never removed and a
 * generation's collections are dropped only once nothing writes to them (generation numbers are never
 * reused), so a remembered node stays true. Forgotten in full past the bound, and simply written again.
 */
const REMEMBERED_NODES = 200_000;
const remembered = new Map<string, Set<string>>();

/** The only code that touches `feed_list_buckets` (in the active generation, or the one given to `in`). */
export class ListBucketRepository {
  constructor(private readonly collection: ProjectionCollection<ListBucket>) {}

  /** The same collection in `generation`. */
  in(generation: number): ListBucketRepository {
    return new ListBucketRepository(this.collection.in(generation));
  }

  private get model(): Model<ListBucket> {
    return this.collection.model;
  }

  /** Stores the nodes not stored yet. One unordered insert; nodes already there are left as they are. */
  async ensure(nodes: readonly ListBucketNode[]): Promise<void> {
    const known = this.remembered();
    const missing = [...new Map(nodes.filter((node) => !known.has(node._id)).map((node) => [node._id, node])).values()];
    if (missing.length === 0) return;
    try {
      await this.model.insertMany(missing, { ordered: false, lean: true });
    } catch (error) {
      if (!isOnlyDuplicateKeys(error)) throw error;
    }
    if (known.size + missing.length > REMEMBERED_NODES) known.clear();
    for (const node of missing) known.add(node._id);
  }

  /** Records a fact about the collection (a finished migration), beside the nodes. */
  async mark(fact: string): Promise<void> {
    await this.ensure([{ _id: `${MARKS}${fact}`, parent: MARKS }]);
  }

  async isMarked(fact: string): Promise<boolean> {
    return (await this.model.exists({ _id: `${MARKS}${fact}` })) !== null;
  }

  /** The ids of the nodes below `parent`, newest period first. */
  async children(parent: string): Promise<string[]> {
    const nodes = await this.model.find({ parent }).select({ _id: 1 }).lean<{ _id: string }[]>().exec();
    return nodes.map((node) => node._id).sort(descending);
  }

  private remembered(): Set<string> {
    const name = `${this.model.db.name}.${this.model.collection.collectionName}`;
    let known = remembered.get(name);
    if (!known) remembered.set(name, (known = new Set()));
    return known;
  }
}

function descending(a: string, b: string): number {
  return a < b ? 1 : a > b ? -1 : 0;
}

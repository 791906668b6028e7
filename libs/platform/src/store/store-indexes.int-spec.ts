import { newRunId } from '@frontpage/testing';
import { mongo } from 'mongoose';
import { randomBytes } from 'node:crypto';

interface Listed {
  _id: string;
  slug: string;
  listBuckets: string[];
}

/**
 * What the services' indexes need from every store they run on, here the one the tests use. A feed
 * item's `listBuckets` holds three keys for every list it is in (home, its section, each tag and
 * named entity): an article in a few hundred lists carries an array of many kilobytes. On FerretDB
 * on PostgreSQL, an index on such a field was a btree holding the whole array as one entry, which
 * PostgreSQL refuses past 2 704 bytes: the item could not be stored. The local infrastructure
 * (scripts/infra/ferretdb-gin-indexes.sql) serves FerretDB's lookups from GIN indexes instead.
 */
describe('indexes on the store', () => {
  let client: mongo.MongoClient;
  let database: string;
  let items: mongo.Collection<Listed>;

  beforeAll(async () => {
    client = await new mongo.MongoClient(process.env.MONGODB_URI!).connect();
    database = newRunId('store-indexes').slice(0, 60);
    items = client.db(database).collection<Listed>('items');
    await items.createIndex({ listBuckets: 1 });
    await items.createIndex({ slug: 1 }, { unique: true });
    // Declared while the collection is empty, as the services declare theirs. On the local store a
    // btree is made before it can be replaced, so an index added over arrays already too large for
    // one fails to build there.
    await items.createIndex({ slug: 1, listBuckets: 1 });
  });

  afterAll(async () => {
    await client?.db(database).dropDatabase();
    await client?.close();
  });

  it('stores and finds a document whose indexed array is tens of kilobytes', async () => {
    // 600 keys of 40 random hex characters: 25 kB that do not compress.
    const listBuckets = Array.from({ length: 600 }, () => randomBytes(20).toString('hex'));
    await items.insertOne({ _id: 'large', slug: 'large', listBuckets });

    expect(await items.find({ listBuckets: listBuckets[123] }).toArray()).toEqual([{ _id: 'large', slug: 'large', listBuckets }]);
  });

  it('answers an equality on an array element from an index', async () => {
    await items.insertOne({ _id: 'small', slug: 'small', listBuckets: ['home|2026-11'] });
    const explained = JSON.stringify(await items.find({ listBuckets: 'home|2026-11' }).explain());
    // MongoDB names an IXSCAN stage; FerretDB passes on PostgreSQL's plan, a scan of one of its indexes.
    expect(explained).toMatch(/IXSCAN|Index Scan/);
  });

  it('still refuses a duplicate in a unique index', async () => {
    await expect(items.insertOne({ _id: 'copy', slug: 'large', listBuckets: [] })).rejects.toMatchObject({ code: 11000 });
  });

  it('drops an index it was asked to create', async () => {
    await items.dropIndex('slug_1_listBuckets_1');

    expect((await items.listIndexes().toArray()).map((index) => index.name).sort()).toEqual(['_id_', 'listBuckets_1', 'slug_1']);
  });
});

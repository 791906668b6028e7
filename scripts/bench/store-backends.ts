/**
 * FerretDB backends compared (SQLite vs PostgreSQL): not part of `npm run bench` nor of `npm test`.
 * See "Store backends" in docs/BENCHMARKS.md and scripts/bench/store-backends.sh for how it is run.
 *
 *   tsx scripts/bench/store-backends.ts explain <mongodb-uri> [database]   # plans of the feed's reads
 *   tsx scripts/bench/store-backends.ts writes <mongodb-uri> [--ops 2000] [--batch 50] [--json]
 *
 * `explain` runs the filters and sorts the feed repositories issue (as scripts/bench/growth.ts does)
 * against a seeded bench database (default: the largest `bench-growth-*` one) and prints FerretDB's
 * pushdown flags with the backend's plan (SQLite `EXPLAIN QUERY PLAN` lines, or PostgreSQL node types,
 * index names and filters). `writes` times small upserts by `_id` and `bulkWrite` batches of inserts,
 * on one connection and on ten concurrent ones, in a database of its own that it drops afterwards.
 */
import { MongoClient } from 'mongodb';
import type { Db, Document } from 'mongodb';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runCli } from '../run-cli';
import { percentile } from './stats';

const say = (line: string) => process.stdout.write(`${line}\n`);

interface PlanSummary {
  query: string;
  pushdown: string;
  plan: string;
}

/** PostgreSQL's JSON plan as "Node Type [index] (filter)" steps, outermost first. */
function postgresSteps(node: Record<string, unknown>, out: string[] = []): string[] {
  const index = typeof node['Index Name'] === 'string' ? ` [${node['Index Name']}]` : '';
  const condition = node['Index Cond'] ?? node['Filter'] ?? node['Sort Key'];
  const detail = condition === undefined ? '' : ` (${JSON.stringify(condition).slice(0, 160)})`;
  out.push(`${String(node['Node Type'])}${index}${detail}`);
  for (const child of (node['Plans'] as Record<string, unknown>[] | undefined) ?? []) postgresSteps(child, out);
  return out;
}

export function summarisePlan(query: string, explain: Document): PlanSummary {
  const pushdown = ['filterPushdown', 'sortPushdown', 'limitPushdown']
    .map((flag) => `${flag.replace('Pushdown', '')}=${String(explain[flag])}`)
    .join(' ');
  const planned = (explain.queryPlanner as { Plan?: unknown } | undefined)?.Plan;
  const plan = Array.isArray(planned)
    ? `sqlite: ${planned.map((line) => String(line).replace(/^.*detail=/, '')).join('; ')}`
    : planned && typeof planned === 'object'
      ? `postgresql: ${postgresSteps(planned as Record<string, unknown>).join(' <- ')}`
      : JSON.stringify(explain).slice(0, 200);
  return { query, pushdown, plan };
}

async function largestGrowthDatabase(client: MongoClient): Promise<string> {
  const { databases } = await client.db().admin().listDatabases();
  const candidates = databases.filter((d) => d.name.startsWith('bench-growth-'));
  if (candidates.length === 0) throw new Error('no bench-growth-* database: run npm run bench:growth and explain while it runs');
  const counted = await Promise.all(
    candidates.map(async (d) => ({ name: d.name, items: await client.db(d.name).collection('feed_items').estimatedDocumentCount() })),
  );
  return counted.sort((a, b) => b.items - a.items)[0].name;
}

async function explainFeedReads(db: Db): Promise<PlanSummary[]> {
  const items = db.collection<Document>('feed_items');
  const sample = await items.findOne({ withdrawn: false, 'tags.0': { $exists: true } });
  const term = await db.collection<Document>('feed_search_terms').findOne({});
  if (!sample || !term) throw new Error(`database ${db.databaseName} holds no feed items or search terms`);
  const tag = (sample.tags as string[])[0];
  const topic = (sample.topics as string[])[0];
  const newest = { publishedAt: -1, _id: -1 } as const;
  const grouped = [
    { $match: { term: { $in: [term.term] } } },
    { $group: { _id: { articleId: '$articleId', publishedAt: '$publishedAt' }, score: { $sum: '$weight' } } },
  ];
  const finds: [string, string, Document, Document | undefined, number | undefined][] = [
    ['latest: page', 'feed_items', { withdrawn: false }, newest, 21],
    [
      'latest: deep cursor',
      'feed_items',
      {
        withdrawn: false,
        $or: [{ publishedAt: { $lt: sample.publishedAt } }, { publishedAt: sample.publishedAt, _id: { $lt: sample._id } }],
      },
      newest,
      21,
    ],
    ['section: page', 'feed_items', { withdrawn: false, section: sample.section }, newest, 21],
    ['tag: page', 'feed_items', { withdrawn: false, tags: tag }, newest, 21],
    ['related: source', 'feed_items', { withdrawn: false, $or: [{ _id: sample._id }, { slug: sample.slug }] }, undefined, 1],
    ['related: candidates', 'feed_items', { withdrawn: false, topics: { $in: [topic] } }, newest, 200],
    ['views: by ids', 'feed_items', { _id: { $in: [sample._id] }, withdrawn: false }, undefined, undefined],
    ['probe: _id only', 'feed_items', { _id: sample._id }, undefined, undefined],
    ['probe: one sort key', 'feed_items', { withdrawn: false }, { publishedAt: -1 }, 21],
    ['probe: sort, no filter', 'feed_items', {}, { publishedAt: -1 }, 21],
  ];
  const counts: [string, string, Document][] = [
    ['latest: total', 'feed_items', { withdrawn: false }],
    ['section: total', 'feed_items', { withdrawn: false, section: sample.section }],
    ['tag: total', 'feed_items', { withdrawn: false, tags: tag }],
    ['related: topic frequency', 'feed_items', { withdrawn: false, topics: topic }],
  ];
  const aggregates: [string, string, Document[]][] = [
    [
      'views: comment counts',
      'feed_comment_marks',
      [{ $match: { articleId: { $in: [sample._id] }, visible: true } }, { $group: { _id: '$articleId', count: { $sum: 1 } } }],
    ],
    [
      'search: hits',
      'feed_search_terms',
      [...grouped, { $sort: { score: -1, '_id.publishedAt': -1, '_id.articleId': -1 } }, { $limit: 21 }],
    ],
    ['search: total', 'feed_search_terms', [...grouped, { $count: 'total' }]],
    [
      'most commented',
      'feed_comment_marks',
      [
        { $match: { visible: true, at: { $gte: new Date(Date.now() - 86_400_000) } } },
        { $group: { _id: '$articleId', count: { $sum: 1 } } },
        { $sort: { count: -1, _id: -1 } },
        { $limit: 30 },
      ],
    ],
  ];
  const out: PlanSummary[] = [];
  for (const [query, collection, filter, sort, limit] of finds) {
    let cursor = db.collection(collection).find(filter);
    if (sort) cursor = cursor.sort(sort);
    if (limit) cursor = cursor.limit(limit);
    out.push(summarisePlan(query, await cursor.explain('queryPlanner')));
  }
  for (const [query, collection, filter] of counts) {
    out.push(summarisePlan(query, await db.command({ explain: { count: collection, query: filter }, verbosity: 'queryPlanner' })));
  }
  for (const [query, collection, pipeline] of aggregates) {
    out.push(summarisePlan(query, await db.collection(collection).aggregate(pipeline).explain('queryPlanner')));
  }
  return out;
}

interface WriteFigures {
  case: string;
  connections: number;
  operations: number;
  documents: number;
  seconds: number;
  operationsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

async function timeOperations(
  label: string,
  connections: number,
  operations: number,
  documentsPerOperation: number,
  operation: (i: number) => Promise<unknown>,
): Promise<WriteFigures> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < operations) {
        const i = next++;
        const at = performance.now();
        await operation(i);
        latencies.push(performance.now() - at);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    case: label,
    connections,
    operations,
    documents: operations * documentsPerOperation,
    seconds,
    operationsPerSecond: operations / seconds,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function benchWrites(uri: string, operations: number, batch: number): Promise<WriteFigures[]> {
  const figures: WriteFigures[] = [];
  const database = `bench-writes-${Date.now().toString(36)}`;
  for (const connections of [1, 10]) {
    const client = await MongoClient.connect(uri, { maxPoolSize: connections, minPoolSize: connections });
    const db = client.db(database);
    try {
      // Open every pooled connection before timing (concurrent pings cannot share one).
      await Promise.all(Array.from({ length: connections }, () => db.command({ ping: 1 })));
      // Like the feed's projection: a quarter of the upserts insert, the rest update a document already there.
      const marks = db.collection<{ _id: string }>(`upserts_${connections}`);
      const keys = Math.max(1, Math.floor(operations / 4));
      figures.push(
        await timeOperations(`upsert by _id (${keys} keys)`, connections, operations, 1, (i) =>
          marks.updateOne(
            { _id: `article-${i % keys}` },
            { $set: { visible: i % 7 !== 0, at: new Date(), version: i }, $setOnInsert: { createdAt: new Date() } },
            { upsert: true },
          ),
        ),
      );
      const items = db.collection<{ _id: string }>(`inserts_${connections}`);
      figures.push(
        await timeOperations(`bulkWrite of ${batch} inserts`, connections, operations, batch, (i) =>
          items.bulkWrite(
            Array.from({ length: batch }, (_, j) => ({
              insertOne: { document: { _id: `doc-${i}-${j}`, term: `word${(i * batch + j) % 8000}`, weight: j % 5, at: new Date() } },
            })),
            { ordered: false },
          ),
        ),
      );
      // A write the store silently dropped would flatter it: check that every document is there.
      const stored = [await marks.countDocuments({}), await items.countDocuments({})];
      if (stored[0] !== keys || stored[1] !== operations * batch)
        throw new Error(`stored ${stored.join(' + ')} documents, expected ${keys} + ${operations * batch}`);
    } finally {
      await db.dropDatabase().catch(() => undefined);
      await client.close();
    }
  }
  return figures;
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      ops: { type: 'string', default: '2000' },
      batch: { type: 'string', default: '50' },
      json: { type: 'boolean', default: false },
    },
  });
  const [mode, uri, database] = positionals;
  if (!['explain', 'writes'].includes(mode) || !uri) {
    process.stderr.write(
      'usage: tsx scripts/bench/store-backends.ts explain|writes <mongodb-uri> [database] [--ops N] [--batch N] [--json]\n',
    );
    return 2;
  }
  say(
    `store-backends ${mode} ${uri} at ${new Date().toISOString()}, load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  if (mode === 'explain') {
    const client = await MongoClient.connect(uri);
    try {
      const name = database ?? (await largestGrowthDatabase(client));
      const db = client.db(name);
      say(`database ${name}: ${await db.collection('feed_items').estimatedDocumentCount()} feed items`);
      for (const row of await explainFeedReads(db)) say(`plan ${row.query.padEnd(26)} ${row.pushdown.padEnd(34)} ${row.plan}`);
    } finally {
      await client.close();
    }
    return 0;
  }
  const figures = await benchWrites(uri, Number(values.ops), Number(values.batch));
  for (const f of figures) {
    say(
      `writes ${f.case.padEnd(26)} ${String(f.connections).padStart(2)} conn  ${f.operations} ops (${f.documents} docs) in ${f.seconds.toFixed(1)} s: ` +
        `${f.operationsPerSecond.toFixed(0)} ops/s, ${(f.documents / f.seconds).toFixed(0)} docs/s, p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms`,
    );
  }
  if (values.json) say(JSON.stringify({ uri, loadavg: loadavg(), figures }));
  return 0;
}

runCli('store-backends', main);

import { articleIdFor } from '@frontpage/contracts';
import type { Collection, Document } from 'mongodb';
import mongoose from 'mongoose';
import type { Schema } from 'mongoose';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import type { CommentMark } from '../../apps/feed/src/feed/comment-mark.schema';
import { encodeCursor } from '../../apps/feed/src/feed/feed-cursor';
import type { FeedItem } from '../../apps/feed/src/feed/feed-item.schema';
import type { SearchTerm } from '../../apps/feed/src/feed/search-term.schema';
import { teaserOf } from '../../apps/feed/src/feed/teaser';
import { bucketPath, bucketsOf, HOME, ListBucketNode, listName, postingBucketsOf, termList } from '../../apps/feed/src/feed/list-buckets';
import { headlineKey } from '../../apps/feed/src/feed/text/near-duplicate';
import { TERM_WEIGHTS, termWeights } from '../../apps/feed/src/feed/text/search-index';
import { topicsOf } from '../../apps/feed/src/feed/text/topics';
import { bucketKeysOf, dayKey, hourKey } from '../../apps/feed/src/feed/time-window';
import { TestSystem } from '../../libs/testing/src/test-system';
import { resolveInfrastructure } from '../infra';
import { SeededRandom } from '../chaos/random';
import { percentile } from './stats';

export interface GrowthOptions {
  sizes: number[];
  /** Sequential requests per query and size (fewer when a query is too slow for its time budget). */
  requests: number;
  smoke: boolean;
}

export interface GrowthRow {
  size: number;
  query: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  /** A request took longer than the timeout: the query is too slow at this size to be measured. */
  timedOut: boolean;
}

export interface PlanRow {
  size: number;
  query: string;
  collection: string;
  /** true: every access path is an index; false: at least one full scan; null: the plan says neither. */
  indexed: boolean | null;
  plan: string;
}

export interface SeedingFigures {
  size: number;
  feedItems: number;
  searchTerms: number;
  commentMarks: number;
  seconds: number;
  documentsPerSecond: number;
}

export interface GrowthResult {
  rows: GrowthRow[];
  plans: PlanRow[];
  seeding: SeedingFigures[];
  lines: string[];
}

const DAY_MS = 86_400_000;
const BODY_WORDS = 60;
const WINDOW_HOURS = 24;
/** Wall-clock budget per query and size: a query slower than this gets fewer samples, never none. */
const QUERY_BUDGET_MS = 30_000;
const REQUEST_TIMEOUT_MS = 120_000;

const SECTIONS = [
  'world',
  'politics',
  'business',
  'sport',
  'technology',
  'science',
  'health',
  'culture',
  'opinion',
  'local',
  'travel',
  'weather',
];

/** Rank r of n drawn with probability ∝ 1/r^s: a few very common items, a long tail of rare ones. */
class Zipf {
  private readonly cumulative: number[] = [];

  constructor(
    readonly n: number,
    s = 1,
  ) {
    let sum = 0;
    for (let r = 1; r <= n; r++) this.cumulative.push((sum += 1 / Math.pow(r, s)));
    for (let i = 0; i < n; i++) this.cumulative[i] /= sum;
  }

  draw(random: SeededRandom): number {
    const x = random.next();
    let low = 0;
    let high = this.n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.cumulative[mid] < x) low = mid + 1;
      else high = mid;
    }
    return low;
  }
}

const SYLLABLES =
  'ba be bi bo ca co da de di do fa fe ga go ha ka ke ki ko la le li lo ma me mi mo na ne ni no pa pe po ra re ri ro sa se si so ta te ti to va ve vi vo za zo'.split(
    ' ',
  );
const COMMON_WORDS = (
  'government minister election police court city council president market company health school water police report ' +
  'energy prices workers union budget hospital storm climate border trade football season league music festival film'
).split(' ');

/** The store's content: a vocabulary with a Zipf spread of word frequencies, tags, entities and sections. */
class Corpus {
  readonly vocabulary: string[];
  readonly tags: string[];
  readonly people: string[];
  readonly places: string[];
  readonly organisations: string[];
  private readonly words: Zipf;
  private readonly tagRank: Zipf;
  private readonly entityRank: Zipf;
  private readonly sectionRank = new Zipf(SECTIONS.length, 0.8);

  constructor(private readonly random: SeededRandom) {
    const made = new Set(COMMON_WORDS);
    while (made.size < 8000)
      made.add(Array.from({ length: random.int(2, 4) }, () => random.pick(SYLLABLES)).join('') + random.pick(['', 'n', 's', 'r', 't']));
    this.vocabulary = [...made];
    this.words = new Zipf(this.vocabulary.length, 1.05);
    this.tags = Array.from({ length: 300 }, (_, i) => `${this.vocabulary[40 + i * 7]}-${i}`);
    this.people = Array.from({ length: 200 }, (_, i) => `${capital(this.vocabulary[100 + i])} ${capital(this.vocabulary[900 + i])}`);
    this.places = Array.from({ length: 120 }, (_, i) => capital(this.vocabulary[1500 + i * 3]));
    this.organisations = Array.from({ length: 80 }, (_, i) => `${capital(this.vocabulary[2500 + i])} Group`);
    this.tagRank = new Zipf(this.tags.length);
    this.entityRank = new Zipf(200);
  }

  sentence(words: number): string {
    const out = Array.from({ length: words }, () => this.vocabulary[this.words.draw(this.random)]);
    return `${capital(out.join(' '))}.`;
  }

  section(): string {
    return SECTIONS[this.sectionRank.draw(this.random)];
  }

  some(list: string[], zipf: Zipf, min: number, max: number): string[] {
    return [...new Set(Array.from({ length: this.random.int(min, max) }, () => list[zipf.draw(this.random) % list.length]))];
  }

  article(i: number, now: number) {
    const headline = this.sentence(this.random.int(6, 9)).replace(/\.$/, '');
    const paragraphs = [this.sentence(BODY_WORDS / 3), this.sentence(BODY_WORDS / 3), this.sentence(BODY_WORDS / 3)];
    return {
      id: articleIdFor('bench-growth', String(i)),
      slug: `${headline.toLowerCase().split(' ').slice(0, 6).join('-')}-${i}`,
      version: 1,
      headline,
      body: paragraphs.join('\n\n'),
      section: this.section(),
      tags: this.some(this.tags, this.tagRank, 1, 4),
      entities: {
        people: this.some(this.people, this.entityRank, 0, 2),
        places: this.some(this.places, this.entityRank, 0, 2),
        organisations: this.some(this.organisations, this.entityRank, 0, 1),
      },
      publishedAt: new Date(now - this.random.next() * 365 * DAY_MS),
    };
  }
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

type SeededArticle = ReturnType<Corpus['article']>;

/**
 * The feed projection's documents for an article, built with the feed's own functions (teaser,
 * topics, headline key, search-term weights) as `FeedService.applySnapshot` does, in the shapes the
 * repositories write (`FeedItemRepository.applyVersion`, `SearchTermRepository.replace`).
 */
function projection(
  article: SeededArticle,
  projectedAt: Date,
  withdrawn: boolean,
): { item: FeedItem; terms: SearchTerm[]; nodes: ListBucketNode[] } {
  const teaser = teaserOf(article.body);
  const topics = topicsOf(article);
  // A withdrawn article is in no list (`FeedItemRepository.withdraw`).
  const buckets = withdrawn
    ? { keys: [], nodes: [] }
    : bucketsOf({ section: article.section, tags: article.tags, topics }, article.publishedAt);
  const item: FeedItem = {
    _id: article.id,
    version: article.version,
    withdrawn,
    slug: article.slug,
    headline: article.headline,
    teaser,
    section: article.section,
    tags: article.tags,
    topics,
    headlineKey: headlineKey(article.headline),
    publishedAt: article.publishedAt,
    projectedAt,
    listBuckets: buckets.keys,
  };
  // A withdrawn article's terms are removed (`FeedService.applyWithdrawal`).
  const postings = withdrawn
    ? []
    : [...termWeights(article.headline, teaser, article.body)].map(([term, weight]) => ({
        term,
        weight,
        buckets: postingBucketsOf(term, weight, article.publishedAt),
      }));
  const terms = postings.map(({ term, weight, buckets }) => ({
    _id: `${article.id}:${article.version}:${term}`,
    term,
    articleId: article.id,
    weight,
    publishedAt: article.publishedAt,
    version: article.version,
    listBuckets: buckets.keys,
  }));
  return { item, terms, nodes: [...buckets.nodes, ...postings.flatMap((posting) => posting.buckets.nodes)] };
}

/**
 * A schema as the feed service runs it: from dist/, because the decorators need the type metadata
 * that tsc emits and tsx does not.
 */
function compiledSchema(file: string, name: string): Schema {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const schema = (require(resolve(__dirname, '../../dist/apps/feed/src/feed', file)) as Record<string, Schema | undefined>)[name];
  if (!schema) throw new Error(`${name} not found in dist/ (run npm run build first)`);
  return schema;
}

/** The indexes the feed service declares, created before the data arrives (as its autoIndex would). */
async function createIndexes(collection: Collection, schema: Schema): Promise<void> {
  for (const [fields, options] of schema.indexes()) {
    await collection.createIndex(fields as Record<string, 1 | -1>, {
      ...(options.unique === true ? { unique: true } : {}),
      ...(typeof options.name === 'string' ? { name: options.name } : {}),
    });
  }
}

interface Sample {
  ids: string[];
  slugs: string[];
  positions: { publishedAt: Date; id: string }[];
}

/** Bulk inserts through the driver until the store holds `target` articles. */
async function seed(
  db: { items: Collection; terms: Collection; marks: Collection; buckets: Collection },
  corpus: Corpus,
  random: SeededRandom,
  from: number,
  target: number,
  now: number,
  sample: Sample,
  nodesStored: Set<string>,
  say: (line: string) => void,
): Promise<SeedingFigures> {
  const started = performance.now();
  const projectedAt = new Date(now);
  let terms = 0;
  let marks = 0;
  const BATCH = 1000;
  let lastReport = started;
  for (let start = from; start < target; start += BATCH) {
    const items: FeedItem[] = [];
    const termDocs: SearchTerm[] = [];
    const markDocs: CommentMark[] = [];
    const nodes = new Map<string, ListBucketNode>();
    for (let i = start; i < Math.min(target, start + BATCH); i++) {
      const article = corpus.article(i, now);
      const withdrawn = random.next() < 0.01;
      const doc = projection(article, projectedAt, withdrawn);
      items.push(doc.item);
      termDocs.push(...doc.terms);
      for (const node of doc.nodes) if (!nodesStored.has(node._id)) nodes.set(node._id, node);
      if (!withdrawn && sample.ids.length < 5000 && random.next() < 5000 / target) {
        sample.ids.push(article.id);
        sample.slugs.push(article.slug);
        sample.positions.push({ publishedAt: article.publishedAt, id: article.id });
      }
      // Most articles get no comments; a few get many. Newer ones are commented on more.
      const age = (now - article.publishedAt.getTime()) / DAY_MS;
      const comments = random.next() < (age < 3 ? 0.8 : 0.25) ? Math.floor(1 / Math.max(0.02, random.next())) : 0;
      for (let c = 0; c < Math.min(comments, 50); c++) {
        const at = new Date(Math.min(now, article.publishedAt.getTime() + random.next() * 2 * DAY_MS));
        markDocs.push({
          _id: `${article.id}:comment:${c}`,
          articleId: article.id,
          revision: 1,
          visible: random.next() < 0.95,
          at,
          ...bucketKeysOf(at),
        });
      }
    }
    // The lists' nodes before their items, as `FeedItemRepository.applyVersion` writes them.
    if (nodes.size > 0) await db.buckets.insertMany([...nodes.values()] as unknown as Document[], { ordered: false });
    for (const id of nodes.keys()) nodesStored.add(id);
    await db.items.insertMany(items as unknown as Document[], { ordered: false });
    for (let t = 0; t < termDocs.length; t += 5000)
      await db.terms.insertMany(termDocs.slice(t, t + 5000) as unknown as Document[], { ordered: false });
    if (markDocs.length > 0) await db.marks.insertMany(markDocs as unknown as Document[], { ordered: false });
    terms += termDocs.length;
    marks += markDocs.length;
    if (performance.now() - lastReport > 30_000) {
      lastReport = performance.now();
      const done = Math.min(target, start + BATCH) - from;
      const rate = done / ((lastReport - started) / 1000);
      say(
        `  seeded ${from + done}/${target} articles (${rate.toFixed(0)} articles/s, about ${((target - from - done) / rate / 60).toFixed(0)} min to go)`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const documents = target - from + terms + marks;
  return {
    size: target,
    feedItems: target - from,
    searchTerms: terms,
    commentMarks: marks,
    seconds,
    documentsPerSecond: documents / seconds,
  };
}

interface Query {
  name: string;
  path: () => string;
}

function queries(corpus: Corpus, random: SeededRandom, sample: Sample): Query[] {
  const pick = <T>(list: T[]) => list[random.int(0, list.length - 1)];
  // Words ranked 1–5 appear in most articles; words ranked ~3000–4000 in a handful.
  const common = corpus.vocabulary.slice(0, 5);
  const rare = corpus.vocabulary.slice(3000, 4000);
  return [
    { name: 'latest, first page', path: () => '/v1/feed?limit=20' },
    { name: 'latest, deep cursor', path: () => `/v1/feed?limit=20&cursor=${encodeCursor(pick(sample.positions))}` },
    { name: 'by section', path: () => `/v1/feed?limit=20&section=${pick(SECTIONS)}` },
    { name: 'by tag', path: () => `/v1/feed?limit=20&tag=${encodeURIComponent(pick(corpus.tags.slice(0, 100)))}` },
    { name: 'related', path: () => `/v1/feed/related/${pick(sample.slugs)}` },
    { name: 'search, common term', path: () => `/v1/feed/search?limit=20&q=${pick(common)}` },
    { name: 'search, rare term', path: () => `/v1/feed/search?limit=20&q=${pick(rare)}` },
    { name: 'most commented', path: () => `/v1/feed/most-commented?limit=10&hours=${WINDOW_HOURS}` },
  ];
}

/**
 * `requests` timed requests after one warm-up; a slow query (its warm-up alone over a tenth of the
 * budget) gets its warm-up counted and fewer samples. A request over the timeout ends the query.
 */
async function measure(base: string, query: Query, requests: number, warmUp: boolean): Promise<Omit<GrowthRow, 'size' | 'query'>> {
  const times: number[] = [];
  const timed = async (): Promise<number | undefined> => {
    const started = performance.now();
    try {
      const response = await fetch(`${base}${query.path()}`, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      await response.text();
      if (response.status !== 200) throw new Error(`${query.name}: ${query.path()} answered ${response.status}`);
    } catch (error) {
      if ((error as Error).name === 'TimeoutError') return undefined;
      throw error;
    }
    return performance.now() - started;
  };
  const until = performance.now() + QUERY_BUDGET_MS;
  if (warmUp) {
    const first = await timed();
    if (first === undefined) return { count: 0, p50Ms: NaN, p99Ms: NaN, timedOut: true };
    if (first > QUERY_BUDGET_MS / 10) times.push(first);
  }
  while (times.length < requests && performance.now() < until) {
    const time = await timed();
    if (time === undefined) return { count: times.length, p50Ms: NaN, p99Ms: NaN, timedOut: true };
    times.push(time);
  }
  const sorted = times.sort((a, b) => a - b);
  return { count: sorted.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), timedOut: false };
}

/** Stage names of a MongoDB plan, wherever they sit (find, count or an aggregate's $cursor). */
function stagesOf(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((entry) => stagesOf(entry, out));
  else if (value && typeof value === 'object') {
    for (const [key, entry] of Object.entries(value)) {
      if (key === 'rejectedPlans') continue;
      if (key === 'stage' && typeof entry === 'string') out.push(entry);
      else if (key === 'indexName' && typeof entry === 'string') out.push(`(${entry})`);
      else stagesOf(entry, out);
    }
  }
  return out;
}

const INDEX_STAGES = /^(IXSCAN|COUNT_SCAN|IDHACK|EXPRESS_IXSCAN|EXPRESS_IDHACK|DISTINCT_SCAN)$/;

interface PostgresNode {
  'Node Type'?: string;
  'Index Name'?: string;
  'Relation Name'?: string;
  Plans?: PostgresNode[];
}

function postgresNodes(node: PostgresNode, out: string[] = []): string[] {
  out.push(node['Index Name'] ? `${node['Node Type']} (${node['Index Name']})` : String(node['Node Type']));
  for (const child of node.Plans ?? []) postgresNodes(child, out);
  return out;
}

/**
 * What an explain says about index use: MongoDB's winning-plan stages, or FerretDB's plan from its
 * backend (PostgreSQL's EXPLAIN tree; SQLite's plan lines and pushdown flags).
 */
export function readPlan(explain: Record<string, unknown>): { indexed: boolean | null; plan: string } {
  const planner = (explain.queryPlanner ?? {}) as { Plan?: unknown };
  if (planner.Plan && typeof planner.Plan === 'object' && !Array.isArray(planner.Plan)) {
    const nodes = postgresNodes(planner.Plan as PostgresNode);
    const scans = nodes.some((node) => node.startsWith('Seq Scan'));
    const searches = nodes.some((node) => /Index/.test(node));
    return { indexed: scans ? false : searches ? true : null, plan: `postgresql: ${nodes.join(' > ')}` };
  }
  if (Array.isArray(planner.Plan)) {
    const lines = planner.Plan.map((line) => String(line).replace(/^.*detail=/, ''));
    const flags = ['filterPushdown', 'sortPushdown', 'limitPushdown'].map(
      (flag) => `${flag.replace('Pushdown', '')}=${String(explain[flag])}`,
    );
    const scans = lines.some((line) => /^SCAN /.test(line) && !/USING (COVERING )?INDEX/.test(line));
    const searches = lines.some((line) => /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(line));
    return { indexed: scans ? false : searches ? true : null, plan: `sqlite: ${lines.join('; ')} | pushdown ${flags.join(' ')}` };
  }
  const stages = stagesOf(explain.queryPlanner ?? explain.stages ?? explain);
  if (stages.length === 0) return { indexed: null, plan: JSON.stringify(explain).slice(0, 200) };
  const names = stages.filter((stage) => !stage.startsWith('('));
  const indexed = names.includes('COLLSCAN') ? false : names.some((stage) => INDEX_STAGES.test(stage));
  return { indexed, plan: stages.join(' ') };
}

/** The reads behind each route, with the filters and sorts the repositories issue. */
function underlyingQueries(corpus: Corpus, sample: Sample, now: number) {
  const position = sample.positions[Math.floor(sample.positions.length / 2)];
  const source = sample.ids[0];
  const section = listName('section', SECTIONS[3]);
  const tag = listName('tag', corpus.tags[0]);
  const topic = `tag:${corpus.tags[0]}`;
  const home = bucketPath(HOME, position.publishedAt);
  const since = new Date(now - WINDOW_HOURS * 3_600_000);
  return [
    // A list is read through its tree of periods (list-buckets.ts): its months, a month's days, a day's
    // hours, and the items of one period at a time (a month of a quiet list, an hour of a busy one).
    { query: 'lists: months of the home page', collection: 'feed_list_buckets', find: { parent: HOME } },
    { query: 'lists: days of a month', collection: 'feed_list_buckets', find: { parent: home.month } },
    { query: 'lists: hours of a day', collection: 'feed_list_buckets', find: { parent: home.day } },
    { query: 'latest: one hour', collection: 'feed_items', find: { withdrawn: false, listBuckets: home.hour } },
    {
      query: 'section: one day',
      collection: 'feed_items',
      find: { withdrawn: false, listBuckets: bucketPath(section, position.publishedAt).day },
    },
    {
      query: 'tag: one month',
      collection: 'feed_items',
      find: { withdrawn: false, listBuckets: bucketPath(tag, position.publishedAt).month },
    },
    // Totals are counted through the same periods, up to FEED_TOTAL_LIMIT.
    { query: 'sections: one visible of a section', collection: 'feed_items', find: { withdrawn: false, section: SECTIONS[3] }, limit: 1 },
    // By id, then (when nothing matched) by slug: two equality lookups rather than one `$or`.
    { query: 'related: source', collection: 'feed_items', find: { _id: source, withdrawn: false }, limit: 1 },
    // The newest 200 of each topic of the source (and its count, up to 200), through the topic's periods, merged in the service.
    {
      query: 'related: one month of a topic',
      collection: 'feed_items',
      find: { withdrawn: false, listBuckets: bucketPath(listName('topic', topic), position.publishedAt).month },
    },
    // A page's views: one lookup and one comment count per article, in parallel.
    { query: 'views: one by id', collection: 'feed_items', find: { _id: sample.ids[0], withdrawn: false }, limit: 1 },
    { query: 'views: comment count of one (ids)', collection: 'feed_comment_marks', find: { articleId: sample.ids[0], visible: true } },
    // The newest postings of each term in each place, through the term's lists; ranked in the service.
    {
      query: 'search: months of a term in bodies',
      collection: 'feed_list_buckets',
      find: { parent: termList(corpus.vocabulary[0], TERM_WEIGHTS.body) },
    },
    {
      query: 'search: one day of a term in bodies',
      collection: 'feed_search_terms',
      find: { listBuckets: bucketPath(termList(corpus.vocabulary[0], TERM_WEIGHTS.body), position.publishedAt).day },
    },
    // The window as whole days and edge hours (time-window.ts), one lookup each.
    { query: 'most commented: one hour', collection: 'feed_comment_marks', find: { atHour: hourKey(since), visible: true } },
    { query: 'most commented: one day', collection: 'feed_comment_marks', find: { atDay: dayKey(since), visible: true } },
  ] as {
    query: string;
    collection: string;
    find?: Record<string, unknown>;
    sort?: Record<string, 1 | -1>;
    limit?: number;
    count?: Record<string, unknown>;
    aggregate?: Record<string, unknown>[];
  }[];
}

async function explainAll(connection: mongoose.Connection, corpus: Corpus, sample: Sample, size: number, now: number): Promise<PlanRow[]> {
  const rows: PlanRow[] = [];
  for (const q of underlyingQueries(corpus, sample, now)) {
    const collection = connection.db!.collection(q.collection);
    let explain: Record<string, unknown>;
    if (q.count) explain = await connection.db!.command({ explain: { count: q.collection, query: q.count }, verbosity: 'queryPlanner' });
    else if (q.aggregate) explain = (await collection.aggregate(q.aggregate).explain('queryPlanner')) as Record<string, unknown>;
    else {
      let cursor = collection.find(q.find ?? {});
      if (q.sort) cursor = cursor.sort(q.sort);
      if (q.limit) cursor = cursor.limit(q.limit);
      explain = (await cursor.explain('queryPlanner')) as Record<string, unknown>;
    }
    rows.push({ size, query: q.query, collection: q.collection, ...readPlan(explain) });
  }
  return rows;
}

const formatMs = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));

function table(rows: GrowthRow[], sizes: number[]): string[] {
  const names = [...new Set(rows.map((row) => row.query))];
  const lines = [
    `growth ${'query'.padEnd(22)}${sizes.map((size) => `${size}: p50 / p99 ms (n)`.padStart(28)).join('')}${'p50 growth'.padStart(12)}`,
  ];
  for (const name of names) {
    const at = (size: number) => rows.find((row) => row.query === name && row.size === size);
    const cells = sizes.map((size) => {
      const row = at(size);
      const text = !row
        ? '-'
        : row.timedOut
          ? `> ${REQUEST_TIMEOUT_MS / 1000} s`
          : `${formatMs(row.p50Ms)} / ${formatMs(row.p99Ms)} (${row.count})`;
      return text.padStart(28);
    });
    const first = at(sizes[0]);
    const last = at(sizes[sizes.length - 1]);
    const growth =
      !first || !last || first.timedOut
        ? '-'
        : last.timedOut
          ? `> x${(REQUEST_TIMEOUT_MS / first.p50Ms).toFixed(1)}`
          : `x${(last.p50Ms / first.p50Ms).toFixed(1)}`;
    lines.push(`growth ${name.padEnd(22)}${cells.join('')}${growth.padStart(12)}`);
  }
  return lines;
}

/**
 * Feed, related and search latency as the store grows: the feed service's own collections are
 * filled directly (bulk inserts of documents shaped as its projection writes them), then its HTTP
 * routes are timed one request at a time at each size, and each underlying query is explained.
 */
export async function benchGrowth(options: GrowthOptions, say: (line: string) => void): Promise<GrowthResult> {
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const infra = await resolveInfrastructure('test');
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongodbUri;
  const database = `bench-growth-${Date.now().toString(36)}`;
  const connection = await mongoose.createConnection(infra.mongodbUri, { dbName: database }).asPromise();
  const db = {
    items: connection.db!.collection('feed_items'),
    terms: connection.db!.collection('feed_search_terms'),
    marks: connection.db!.collection('feed_comment_marks'),
    buckets: connection.db!.collection('feed_list_buckets'),
  };
  let system: TestSystem | undefined;
  const rows: GrowthRow[] = [];
  const plans: PlanRow[] = [];
  const seeding: SeedingFigures[] = [];
  // A million articles take a while: Ctrl-C must not leave the service running or the database behind.
  const interrupted = () => {
    say('growth: interrupted, removing the bench database');
    void Promise.allSettled([system?.stop(), connection.dropDatabase()]).then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  try {
    await createIndexes(db.items, compiledSchema('feed-item.schema.js', 'FeedItemSchema'));
    await createIndexes(db.terms, compiledSchema('search-term.schema.js', 'SearchTermSchema'));
    await createIndexes(db.marks, compiledSchema('comment-mark.schema.js', 'CommentMarkSchema'));
    await createIndexes(db.buckets, compiledSchema('list-bucket.schema.js', 'ListBucketSchema'));
    // The feed's own settings may be tried out: FEED_TOTAL_LIMIT=100 npm run bench:growth …
    const feedSettings = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('FEED_')));
    system = await TestSystem.start('bench-growth', ['feed'], { ...feedSettings, LOG_LEVEL: 'warn', MONGODB_DATABASE: database });
    const feed = system.url('feed');
    const random = new SeededRandom(23);
    const corpus = new Corpus(new SeededRandom(29));
    const now = Date.now();
    const sample: Sample = { ids: [], slugs: [], positions: [] };
    const nodesStored = new Set<string>();
    say(
      `growth: database ${database}; sizes ${sizes.join(', ')}; ${options.requests} sequential requests per query (at most ${QUERY_BUDGET_MS / 1000} s each)`,
    );
    let seeded = 0;
    for (const size of sizes) {
      const figures = await seed(db, corpus, random, seeded, size, now, sample, nodesStored, say);
      seeded = size;
      seeding.push(figures);
      say(
        `growth seeding to ${size}: +${figures.feedItems} feed items, +${figures.searchTerms} search terms, +${figures.commentMarks} comment marks ` +
          `in ${figures.seconds.toFixed(1)} s (${figures.documentsPerSecond.toFixed(0)} documents/s, ${(figures.feedItems / figures.seconds).toFixed(0)} articles/s)`,
      );
      for (const query of queries(corpus, random, sample)) {
        const figures = await measure(feed, query, options.requests, !options.smoke);
        rows.push({ size, query: query.name, ...figures });
        say(
          `growth ${String(size).padStart(8)}  ${query.name.padEnd(22)}  n ${String(figures.count).padStart(3)}  ` +
            (figures.timedOut
              ? `timed out: a request took over ${REQUEST_TIMEOUT_MS / 1000} s`
              : `p50 ${formatMs(figures.p50Ms).padStart(7)} ms  p99 ${formatMs(figures.p99Ms).padStart(7)} ms`),
        );
      }
      plans.push(...(await explainAll(connection, corpus, sample, size, now)));
    }
    const largest = sizes[sizes.length - 1];
    const lines = [
      ...table(rows, sizes),
      ...plans
        .filter((plan) => plan.size === largest)
        .map(
          (plan) =>
            `plan ${plan.query.padEnd(26)} ${plan.indexed === true ? 'INDEX' : plan.indexed === false ? 'SCAN ' : '?    '}  ${plan.plan}`,
        ),
    ];
    return { rows, plans, seeding, lines };
  } finally {
    process.off('SIGINT', interrupted).off('SIGTERM', interrupted);
    await system?.stop();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

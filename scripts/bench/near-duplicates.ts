/**
 * `npm run bench:duplicates`: the article service's near-duplicate lookup, the SimHash-band query it
 * replaced ("old") against the MinHash band keys ("new"), at growing numbers of stored articles.
 *
 *   npm run bench:duplicates -- [--sizes 1000,10000] [--old 4] [--new 20] [--json]
 *
 * Seeds a database of its own (`bench-near-duplicates-<random>`, dropped at the end) on MONGODB_URI
 * (default: the local store), with articles spread over the last 13 days, each stored as both schemes
 * store it. At each size it times lookups for new stories (no copy stored: the common case) and for
 * copies of a stored story from another source, and counts the candidates each lookup read. Old
 * lookups take seconds on FerretDB, hence fewer of them (--old per kind, --new per kind).
 */
import mongoose, { Schema } from 'mongoose';
import type { Model } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ArticleBandKeyRepository } from '../../apps/article/src/articles/article-band-key.repository';
import { BAND_KEY_COLLECTION } from '../../apps/article/src/articles/article-band-key.schema';
import type { ArticleRepository } from '../../apps/article/src/articles/article.repository';
import type { Article } from '../../apps/article/src/articles/article.schema';
import { encodeSignature, minhashBandKeys, minhashSignature } from '../../apps/article/src/articles/minhash';
import { NearDuplicateFinder } from '../../apps/article/src/articles/near-duplicate-finder';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE, simhash, simhashBands } from '../../apps/article/src/articles/simhash';
import { runCli } from '../run-cli';
import { percentile } from './stats';

const say = (line: string) => process.stdout.write(`${line}\n`);
const DAY_MS = 86_400_000;
const SOURCES = Array.from({ length: 20 }, (_, i) => `source-${i}`);
const VOCABULARY = (
  'harbour bridge council minister storm river market shares bank rates school hospital vaccine flood power road rail ' +
  'strike union election court police fire farm export budget tax museum festival match league coach season energy ' +
  'wind solar oil gas price wage rent housing airport flight port ship trade border army talks treaty climate summit ' +
  'said on monday tuesday after before during while the a of in to for with by from officials report data week year'
).split(' ');

/** A story body of 150–400 words drawn at random: unrelated stories share (almost) no three-word phrase. */
function aBody(): string {
  const words = 150 + Math.floor(Math.random() * 251);
  return Array.from(randomBytes(words), (byte, i) => `${VOCABULARY[byte % VOCABULARY.length]}${i % 14 === 13 ? '.' : ''}`).join(' ');
}

/** A republisher's copy: another dateline and a few words changed. */
function aCopyOf(body: string): string {
  const words = `LONDON (Partner) - ${body}`.split(' ');
  for (let n = 0; n < 6; n++) words[Math.floor(Math.random() * words.length)] = 'reportedly';
  return words.join(' ');
}

interface Sample {
  ms: number;
  candidates: number;
  found: boolean;
}

interface Row {
  size: number;
  scheme: 'old' | 'new';
  kind: 'new story' | 'copy';
  lookups: number;
  p50Ms: number;
  maxMs: number;
  meanCandidates: number;
  maxCandidates: number;
  found: number;
}

/** The lookup as it was: every published article of another source in the window sharing a SimHash band. */
async function oldLookup(articles: Model<Article>, body: string, source: string, now: Date): Promise<Sample & { originalId?: string }> {
  const started = performance.now();
  const fingerprint = simhash(body)!;
  const candidates = await articles.collection
    .find(
      {
        simhashBands: { $in: simhashBands(fingerprint) },
        source: { $ne: source },
        status: 'published',
        createdAt: { $gte: new Date(now.getTime() - 14 * DAY_MS) },
      },
      { projection: { _id: 1, simhash: 1 } },
    )
    .sort({ createdAt: 1, _id: 1 })
    .limit(200)
    .toArray();
  const original = candidates.find((candidate) => hammingDistance(candidate.simhash as string, fingerprint) <= NEAR_DUPLICATE_DISTANCE);
  return {
    ms: performance.now() - started,
    candidates: candidates.length,
    found: original !== undefined,
    originalId: original?._id as string | undefined,
  };
}

async function newLookup(finder: NearDuplicateFinder, body: string, source: string, now: Date): Promise<Sample & { originalId?: string }> {
  const started = performance.now();
  const { original, candidates } = await finder.originalOf({ articleId: randomUUID(), source, createdAt: now }, minhashSignature(body)!);
  return { ms: performance.now() - started, candidates, found: original !== undefined, originalId: original?._id };
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      old: { type: 'string', default: '4' },
      new: { type: 'string', default: '20' },
      json: { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const oldSamples = Number(values.old);
  const newSamples = Number(values.new);
  const uri = process.env.MONGODB_URI ?? 'mongodb://127.0.0.1:27017/';
  const database = `bench-near-duplicates-${randomBytes(4).toString('hex')}`;
  const connection = await mongoose.createConnection(uri, { dbName: database, serverSelectionTimeoutMS: 5000 }).asPromise();
  const rows: Row[] = [];
  try {
    // The service's schema needs decorator metadata, which tsx does not emit.
    const articles = connection.model<Article>(
      'Article',
      new Schema({ _id: String }, { collection: 'articles', strict: false, versionKey: false }),
    );
    await articles.createCollection();
    // The old lookup's index, so that a MongoDB run compares the old query at its best.
    await articles.collection.createIndex({ simhashBands: 1 });
    // The service's repository imports its schema class; the finder only needs `findById`.
    const articleReads = { findById: (id: string) => articles.findById(id).lean<Article>().exec() } as unknown as ArticleRepository;
    const finder = new NearDuplicateFinder(articleReads, new ArticleBandKeyRepository(connection));
    say(
      `store ${uri} database ${database}; load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    const stored: { id: string; body: string; source: string }[] = [];
    for (const size of sizes) {
      const seedStarted = performance.now();
      while (stored.length < size) {
        const batch = Array.from({ length: Math.min(500, size - stored.length) }, () => {
          const body = aBody();
          const id = randomUUID();
          const source = SOURCES[Math.floor(Math.random() * SOURCES.length)];
          const createdAt = new Date(Date.now() - 13 * DAY_MS + (stored.length / Math.max(...sizes)) * 12 * DAY_MS);
          stored.push({ id, body, source });
          const fingerprint = simhash(body)!;
          const signature = minhashSignature(body)!;
          return { id, body, source, createdAt, fingerprint, signature };
        });
        await articles.collection.insertMany(
          batch.map(({ id, body, source, createdAt, fingerprint, signature }) => ({
            _id: id as never,
            slug: `story-${id}`,
            source,
            sourceId: id,
            version: 1,
            announcedVersion: 1,
            contentHash: id,
            status: 'published',
            headline: `Story ${id}`,
            body,
            bodyFormat: 'text',
            tags: [],
            publishedAt: createdAt,
            sourceUpdatedAt: createdAt,
            createdAt,
            updatedAt: createdAt,
            simhash: fingerprint,
            simhashBands: simhashBands(fingerprint),
            minhash: encodeSignature(signature),
          })),
          { ordered: false },
        );
        await connection.collection(BAND_KEY_COLLECTION).insertMany(
          batch.flatMap(({ id, source, createdAt, signature }) =>
            minhashBandKeys(signature).map((key) => ({ _id: `${key}#0` as never, articleId: id, source, createdAt })),
          ),
          { ordered: false },
        );
      }
      say(`seeded ${size} articles (${((performance.now() - seedStarted) / 1000).toFixed(1)} s)`);
      for (const [scheme, count] of [
        ['old', oldSamples],
        ['new', newSamples],
      ] as const) {
        for (const kind of ['new story', 'copy'] as const) {
          const samples: Sample[] = [];
          for (let i = 0; i < count; i++) {
            const now = new Date();
            let body = aBody();
            let source = 'bench-new';
            let expected: string | undefined;
            if (kind === 'copy') {
              const original = stored[Math.floor(Math.random() * stored.length)];
              body = aCopyOf(original.body);
              source = `${original.source}-partner`;
              expected = original.id;
            }
            const sample = scheme === 'old' ? await oldLookup(articles, body, source, now) : await newLookup(finder, body, source, now);
            samples.push({ ...sample, found: kind === 'copy' ? sample.originalId === expected : sample.found });
          }
          const ms = samples.map((sample) => sample.ms).sort((a, b) => a - b);
          const candidates = samples.map((sample) => sample.candidates);
          const row: Row = {
            size,
            scheme,
            kind,
            lookups: samples.length,
            p50Ms: percentile(ms, 50),
            maxMs: ms[ms.length - 1],
            meanCandidates: candidates.reduce((sum, value) => sum + value, 0) / Math.max(1, candidates.length),
            maxCandidates: Math.max(...candidates),
            found: samples.filter((sample) => sample.found).length,
          };
          rows.push(row);
          say(
            `${String(size).padStart(6)} ${scheme} ${kind.padEnd(9)} lookups ${row.lookups}: p50 ${row.p50Ms.toFixed(1)} ms, max ${row.maxMs.toFixed(1)} ms; ` +
              `candidates mean ${row.meanCandidates.toFixed(1)}, max ${row.maxCandidates}; ` +
              `${kind === 'copy' ? `original found ${row.found}/${row.lookups}` : `called a copy ${row.found}/${row.lookups}`}`,
          );
        }
      }
    }
  } finally {
    await connection.dropDatabase();
    await connection.close();
  }
  if (values.json) say(JSON.stringify({ rows, loadavg: loadavg() }));
  return 0;
}

runCli('duplicates', main);

import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { fixKafkajsIdleTimers } from '../../libs/messaging/src/kafkajs-idle-timer-fix';
import type { TestSystem } from '../../libs/testing/src/test-system';
import { randomProse, SeededRandom } from '../chaos/random';
import { postArticle, sleep, startBenchSystem } from './bench-system';
import { baselineCpuSnapshot, cpuSnapshot, formatCpuPerArticle } from './process-cpu';
import { type Distribution, distribution, formatDistribution } from './stats';

export interface PipelineOptions {
  rate: number;
  durationSeconds: number;
  /** Runs the gateway with this list cache TTL instead of its default (1 s, then served while revalidating): the report says so. */
  gatewayListTtlMs?: number;
}

export interface PipelineResult {
  services: Distribution & { sent: number; accepted: number; visible: number; throughput: number };
  /** The same delays read from the feed service directly, without the gateway's list cache. */
  feedService: Distribution & { throughput: number };
  raw: Distribution & { sent: number; throughput: number; cpu: string };
  /** Where the time went: each consumer's mean handling time and the ingest POST, from /metrics. */
  stages: StageFigure[];
  lines: string[];
}

export interface StageFigure {
  stage: string;
  count: number;
  meanMs: number;
}

export interface RampStep {
  rate: number;
  sent: number;
  /** Submissions ingest answered 503 (at capacity) and the bench sent again. */
  retried: number;
  gateway: Distribution & { firstThirdP99: number; lastThirdP99: number };
  feedService: Distribution & { firstThirdP99: number; lastThirdP99: number };
  rawThroughput: number;
  /** Articles per second from the first POST to the last one stored by the feed service. */
  throughput: number;
  sustained: boolean;
}

export interface RampResult {
  steps: RampStep[];
  /** The highest rate whose feed-service delay did not grow and which delivered every article. */
  sustainedRate: number | null;
  gatewayListTtlMs: number | null;
  lines: string[];
}

interface Pending {
  sentAt: number;
  publishedAt: string;
  id?: string;
}

/** A delay and when its article was posted, so the delays of the first and last third can be compared. */
interface Seen {
  sentAt: number;
  delay: number;
}

interface LoadOutcome {
  sent: number;
  accepted: number;
  /** Submissions answered 503 and sent again after Retry-After (each retry counted). */
  retried: number;
  gateway: Seen[];
  feedService: Seen[];
  firstSent: number;
  lastVisible: number;
}

/** A rate is sustained when everything arrived and the last third's p99 is at most this times the first third's. */
const GROWTH_LIMIT = 1.5;

/** …and the feed service stored articles at least at this share of the rate offered. */
const KEPT_UP = 0.95;
/** How long after the last POST the bench waits for the stragglers. */
const DRAIN_MS = 30_000;

/** Calls `send(i)` `rate` times a second for `seconds`, on schedule even when earlier calls are slow. */
async function steady(rate: number, seconds: number, send: (i: number) => Promise<void>): Promise<void> {
  const total = Math.round(rate * seconds);
  const start = Date.now();
  const work: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    if (due > Date.now()) await sleep(due - Date.now());
    work.push(send(i));
  }
  await Promise.all(work);
}

async function startPipelineSystem(options: { gatewayListTtlMs?: number }): Promise<TestSystem> {
  // The services inherit this process's environment: only the gateway reads LIST_CACHE_TTL_MS.
  if (options.gatewayListTtlMs !== undefined) process.env.LIST_CACHE_TTL_MS = String(options.gatewayListTtlMs);
  try {
    return await startBenchSystem('bench-pipeline');
  } finally {
    delete process.env.LIST_CACHE_TTL_MS;
  }
}

/**
 * Posts articles to ingest at `rate` for `seconds` and records, for each, when the gateway's feed
 * and the feed service's own feed first list it.
 */
async function runLoad(system: TestSystem, rate: number, seconds: number, seed: number, say: (line: string) => void): Promise<LoadOutcome> {
  const random = new SeededRandom(seed);
  const ingest = system.url('ingest');
  const pending = new Map<string, Pending>();
  const posted = new Map<string, Pending>();
  const gateway: Seen[] = [];
  let accepted = 0;
  let retried = 0;
  let lastVisible = 0;
  let polling = true;
  // The newest first: a page of 100, plus older pages while something older is still awaited.
  const watch = (base: string, waiting: Map<string, Pending>, seen: Seen[]) =>
    (async () => {
      while (polling) {
        let cursor: string | null = null;
        for (let pages = 0; pages < 5; pages++) {
          const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
          const response = await fetch(`${base}/v1/feed?limit=100${query}`).catch(() => undefined);
          if (!response || response.status !== 200) break;
          const page = (await response.json()) as { items: { id: string; publishedAt: string }[]; nextCursor: string | null };
          const now = Date.now();
          for (const item of page.items) {
            const entry = waiting.get(item.id);
            if (entry) {
              seen.push({ sentAt: entry.sentAt, delay: now - entry.sentAt });
              if (waiting === pending) lastVisible = now;
              waiting.delete(item.id);
            }
          }
          const oldestShown = page.items[page.items.length - 1]?.publishedAt ?? '';
          const olderAwaited = [...waiting.values()].some((p) => p.publishedAt < oldestShown);
          cursor = page.nextCursor;
          if (!cursor || !olderAwaited) break;
        }
        await sleep(20);
      }
    })();
  const pollers = [watch(system.url('gateway'), pending, gateway)];

  const runTag = randomUUID().slice(0, 8);
  const firstSent = Date.now();
  await steady(rate, seconds, async (i) => {
    const sentAt = Date.now();
    const content = {
      source: 'wire',
      sourceId: `bench-pipeline-${runTag}-${i}`,
      headline: randomProse(random, 6),
      body: [randomProse(random, 50), randomProse(random, 40)].join('\n\n'),
      section: 'world',
    };
    const entry: Pending = { sentAt, publishedAt: '' };
    // Published when it is sent, each attempt: a submission retried after a 503 is new at the top of
    // the feed (its delay still counts from the first attempt), so the poller need not page deep for it.
    const article = () => {
      entry.publishedAt = new Date().toISOString();
      return { ...content, publishedAt: entry.publishedAt };
    };
    try {
      // A submission refused for capacity is sent again, as a client would, until the drain would end.
      const retryUntil = firstSent + seconds * 1000 + DRAIN_MS;
      const id = await postArticle(ingest, article, { retryUntil, onRetry: () => retried++ });
      entry.id = id;
      accepted++;
      // Seen before the POST answered? Then the poller missed it: count it at the answer.
      pending.set(id, entry);
      posted.set(id, entry);
    } catch (error) {
      say(`  refused: ${String(error).slice(0, 200)}`);
    }
  });
  const waitUntil = Date.now() + DRAIN_MS;
  while (pending.size > 0 && Date.now() < waitUntil) await sleep(50);
  polling = false;
  await Promise.all(pollers);
  const feedService = await projectedInFeed(system, posted);
  return { sent: Math.round(rate * seconds), accepted, retried, gateway, feedService, firstSent, lastVisible };
}

/**
 * When the feed service stored each article (its feed item's `projectedAt`, same clock as the bench),
 * read once at the end. Polling the feed service's list instead would load the store with a sorted
 * scan and a count per poll (FerretDB filters and sorts those in its own process), and that load
 * would be measured as pipeline delay; the gateway's poller hits its cache.
 */
async function projectedInFeed(system: TestSystem, posted: Map<string, Pending>): Promise<Seen[]> {
  // TestSystem's naming of a service's database.
  const database = `${system.runId}-feed`.slice(0, 60);
  const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: database }).asPromise();
  try {
    const items = await connection
      .db!.collection<{ _id: string; projectedAt?: Date }>('feed_items')
      .find({ _id: { $in: [...posted.keys()] } }, { projection: { projectedAt: 1 } })
      .toArray();
    return items
      .filter((item) => item.projectedAt instanceof Date && posted.has(item._id))
      .map((item) => ({ sentAt: posted.get(item._id)!.sentAt, delay: item.projectedAt!.getTime() - posted.get(item._id)!.sentAt }));
  } finally {
    await connection.close();
  }
}

function feedThroughput(load: LoadOutcome): number {
  const lastStored = Math.max(...load.feedService.map((row) => row.sentAt + row.delay));
  return load.feedService.length / Math.max(0.001, (lastStored - load.firstSent) / 1000);
}

/** The p99 of the delays of the articles posted in the first and in the last third of the run. */
function thirds(seen: Seen[], firstSent: number, seconds: number): { firstThirdP99: number; lastThirdP99: number } {
  const third = (seconds * 1000) / 3;
  const p99 = (rows: Seen[]) => distribution(rows.map((row) => row.delay)).p99;
  return {
    firstThirdP99: p99(seen.filter((row) => row.sentAt - firstSent < third)),
    lastThirdP99: p99(seen.filter((row) => row.sentAt - firstSent >= 2 * third)),
  };
}

/** Mean handling time per stage from the services' /metrics (cumulative since each service started). */
async function stageFigures(system: TestSystem): Promise<StageFigure[]> {
  const scrape = async (service: 'ingest' | 'article' | 'feed') =>
    (await fetch(`${system.url(service)}/metrics`)
      .then((response) => response.text())
      .catch(() => '')) as string;
  const figure = (text: string, stage: string, metric: string, labels: string): StageFigure => {
    const value = (suffix: string) =>
      text
        .split('\n')
        .filter((line) => line.startsWith(`${metric}_${suffix}{`) && line.includes(labels))
        .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
    const count = value('count');
    return { stage, count, meanMs: count > 0 ? (value('sum') / count) * 1000 : NaN };
  };
  const [ingest, article, feed] = await Promise.all([scrape('ingest'), scrape('article'), scrape('feed')]);
  return [
    figure(ingest, 'ingest: POST /v1/articles', 'http_request_duration_seconds', 'method="POST",route="/v1/articles"'),
    figure(article, 'article: ingest.articles.v1', 'kafka_handler_duration_seconds', 'topic="ingest.articles.v1"'),
    figure(feed, 'feed: news.articles.v1', 'kafka_handler_duration_seconds', 'topic="news.articles.v1"'),
  ];
}

function formatStage(figure: StageFigure): string {
  return `${`stage ${figure.stage}`.padEnd(40)}  n ${String(figure.count).padStart(5)}  mean ${figure.meanMs.toFixed(1).padStart(7)} ms`;
}

function ttlNote(gatewayListTtlMs?: number): string {
  return gatewayListTtlMs === undefined
    ? 'gateway list cache at its defaults (1 s fresh, then stale-while-revalidate)'
    : `gateway list cache TTL set to ${gatewayListTtlMs} ms for this run (default 1 s)`;
}

/**
 * Articles posted to ingest at a steady rate; for each, the time from the POST until the gateway's
 * feed lists it. Then the raw baseline on the same broker and store: a kafkajs producer, a consumer
 * and a direct driver write, at the same rate.
 */
export async function benchPipeline(options: PipelineOptions, say: (line: string) => void): Promise<PipelineResult> {
  const system = await startPipelineSystem(options);
  try {
    say(
      `pipeline: ${options.rate} articles/s for ${options.durationSeconds} s through ingest → article → feed → gateway; ` +
        ttlNote(options.gatewayListTtlMs),
    );
    const cpuBefore = cpuSnapshot(system);
    const load = await runLoad(system, options.rate, options.durationSeconds, 11, say);
    const cpu = formatCpuPerArticle('cpu per article (ms)', cpuBefore, cpuSnapshot(system), load.accepted);
    const stages = await stageFigures(system);
    const feedService = { ...distribution(load.feedService.map((row) => row.delay)), throughput: feedThroughput(load) };
    const services = {
      ...distribution(load.gateway.map((row) => row.delay)),
      sent: load.sent,
      accepted: load.accepted,
      visible: load.gateway.length,
      throughput: load.gateway.length / Math.max(0.001, (load.lastVisible - load.firstSent) / 1000),
    };

    const raw = await rawBaseline(options, system.topic('bench.raw.v1'), `${system.runId}-raw`);
    const lines = [
      formatDistribution('services: POST → gateway feed', services),
      formatDistribution('services: POST → feed service', feedService),
      `${'services: delivered'.padEnd(28)}  ${services.visible}/${services.sent} visible (${services.accepted} accepted, ${load.retried} retries after 503); ` +
        `${services.throughput.toFixed(1)}/s from first POST to last visible`,
      formatDistribution('raw: produce → consume → write', raw),
      `${'raw: delivered'.padEnd(28)}  ${raw.count}/${raw.sent} written; ${raw.throughput.toFixed(1)}/s from first send to last write`,
      `${'services: feed throughput'.padEnd(28)}  ${feedService.throughput.toFixed(1)}/s from first POST to last stored by the feed service`,
      `${'ratio throughput (svc/raw)'.padEnd(28)}  ${(services.throughput / raw.throughput).toFixed(2)}`,
      `${'ratio feed throughput/raw'.padEnd(28)}  ${(feedService.throughput / raw.throughput).toFixed(2)}`,
      ...stages.map(formatStage),
      cpu,
      raw.cpu,
    ];
    return { services, feedService, raw, stages, lines };
  } finally {
    await system.stop();
  }
}

/**
 * One run per rate on the same services (and a raw baseline per rate): p50/p99/max and delivery at
 * each, and the highest rate at which everything arrived and the delay did not grow during the run.
 */
export async function benchPipelineRamp(
  options: { rates: number[]; durationSeconds: number; gatewayListTtlMs?: number },
  say: (line: string) => void,
): Promise<RampResult> {
  const system = await startPipelineSystem(options);
  const steps: RampStep[] = [];
  const lines: string[] = [];
  try {
    say(`pipeline ramp: ${options.rates.join(', ')} articles/s, ${options.durationSeconds} s each; ${ttlNote(options.gatewayListTtlMs)}`);
    for (const [index, rate] of options.rates.entries()) {
      const cpuBefore = cpuSnapshot(system);
      const load = await runLoad(system, rate, options.durationSeconds, 11 + index, say);
      const cpu = formatCpuPerArticle(`ramp ${String(rate).padStart(4)}/s cpu per article`, cpuBefore, cpuSnapshot(system), load.accepted);
      const raw = await rawBaseline(
        { rate, durationSeconds: options.durationSeconds },
        system.topic(`bench.raw.r${rate}.v1`),
        `${system.runId}-raw${rate}`,
      );
      const gateway = {
        ...distribution(load.gateway.map((row) => row.delay)),
        ...thirds(load.gateway, load.firstSent, options.durationSeconds),
      };
      const feedService = {
        ...distribution(load.feedService.map((row) => row.delay)),
        ...thirds(load.feedService, load.firstSent, options.durationSeconds),
      };
      const throughput = feedThroughput(load);
      // Everything taken and delivered at the rate offered (retries after 503 make "all delivered"
      // alone too easy), with the delay not growing.
      const sustained =
        load.accepted === load.sent &&
        load.feedService.length === load.sent &&
        throughput >= KEPT_UP * rate &&
        feedService.lastThirdP99 <= GROWTH_LIMIT * Math.max(feedService.firstThirdP99, 1);
      const step: RampStep = {
        rate,
        sent: load.sent,
        retried: load.retried,
        gateway,
        feedService,
        rawThroughput: raw.throughput,
        throughput,
        sustained,
      };
      steps.push(step);
      lines.push(formatRampRow(step), cpu, raw.cpu);
      if (load.feedService.length < load.sent && index < options.rates.length - 1) {
        // The backlog would be measured as the next rate's delay: the higher rates are not tried.
        lines.push(`${'ramp: stopped'.padEnd(28)}  ${rate}/s left a backlog after ${DRAIN_MS / 1000} s; higher rates not run`);
        break;
      }
    }
    lines.push(...(await stageFigures(system)).map(formatStage));
  } finally {
    await system.stop();
  }
  const sustainedRate = steps.filter((step) => step.sustained).reduce<number | null>((best, step) => Math.max(best ?? 0, step.rate), null);
  lines.push(
    `${'ramp: sustained'.padEnd(28)}  ${sustainedRate === null ? 'none of the rates' : `${sustainedRate} articles/s`} ` +
      `(all delivered at ≥ ${KEPT_UP} of the rate, feed-service p99 of the last third ≤ ${GROWTH_LIMIT}× the first third's)`,
  );
  return { steps, sustainedRate, gatewayListTtlMs: options.gatewayListTtlMs ?? null, lines };
}

function formatRampRow(step: RampStep): string {
  const d = (x: Distribution & { lastThirdP99: number; firstThirdP99: number }) =>
    `p50 ${x.p50.toFixed(0).padStart(6)} ms  p99 ${x.p99.toFixed(0).padStart(6)} ms  max ${x.max.toFixed(0).padStart(6)} ms  ` +
    `(p99 thirds ${x.firstThirdP99.toFixed(0)}→${x.lastThirdP99.toFixed(0)})`;
  return [
    `ramp ${String(step.rate).padStart(4)}/s feed service`.padEnd(28) + `  ${step.feedService.count}/${step.sent}  ${d(step.feedService)}`,
    `ramp ${String(step.rate).padStart(4)}/s gateway`.padEnd(28) + `  ${step.gateway.count}/${step.sent}  ${d(step.gateway)}`,
    `ramp ${String(step.rate).padStart(4)}/s throughput`.padEnd(28) +
      `  ${step.throughput.toFixed(1)}/s vs raw ${step.rawThroughput.toFixed(1)}/s (ratio ${(step.throughput / step.rawThroughput).toFixed(2)}); ` +
      `${step.retried} retries after 503; ` +
      (step.sustained ? 'sustained' : 'NOT sustained'),
  ].join('\n');
}

async function rawBaseline(options: PipelineOptions, topic: string, database: string): Promise<PipelineResult['raw']> {
  // The services' kafkajs runs with this fix (libs/messaging): so does the baseline's.
  fixKafkajsIdleTimers();
  const kafka = new Kafka({ clientId: 'frontpage-bench', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  const consumer = kafka.consumer({ groupId: `${database}-group`, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 100 });
  const connection = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: database.slice(0, 60) }).asPromise();
  const collection = connection.db!.collection<{ _id: string; sentAt: number; body: string }>('articles');
  const delays: number[] = [];
  let lastWrite = 0;
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: 6, replicationFactor: 1 }], waitForLeaders: true });
    await producer.connect();
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    let joined = false;
    consumer.on(consumer.events.GROUP_JOIN, () => (joined = true));
    // Like the services: one bulk write per batch, idempotent by id.
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const docs = batch.messages.map((m) => JSON.parse(m.value!.toString()) as { id: string; sentAt: number; body: string });
        await collection.bulkWrite(
          docs.map((doc) => ({
            replaceOne: { filter: { _id: doc.id }, replacement: { sentAt: doc.sentAt, body: doc.body }, upsert: true },
          })),
          { ordered: false },
        );
        const now = Date.now();
        for (const doc of docs) delays.push(now - doc.sentAt);
        lastWrite = now;
      },
    });
    while (!joined) await sleep(50);
    const random = new SeededRandom(13);
    const cpuBefore = baselineCpuSnapshot();
    const start = Date.now();
    await steady(options.rate, options.durationSeconds, async (i) => {
      const body = [randomProse(random, 50), randomProse(random, 40)].join('\n\n');
      await producer.send({
        topic,
        acks: -1,
        messages: [{ key: `raw-${i}`, value: JSON.stringify({ id: `raw-${i}`, sentAt: Date.now(), body }) }],
      });
    });
    const sent = Math.round(options.rate * options.durationSeconds);
    const deadline = Date.now() + DRAIN_MS;
    while (delays.length < sent && Date.now() < deadline) await sleep(50);
    const label = `raw ${String(options.rate).padStart(4)}/s cpu per article`;
    const cpu = formatCpuPerArticle(label, cpuBefore, baselineCpuSnapshot(), delays.length);
    return { ...distribution(delays), sent, throughput: delays.length / Math.max(0.001, (lastWrite - start) / 1000), cpu };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

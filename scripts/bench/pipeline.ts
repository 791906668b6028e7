import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { randomUUID } from 'node:crypto';
import { randomProse, SeededRandom } from '../chaos/random';
import { postArticle, sleep, startBenchSystem } from './bench-system';
import { type Distribution, distribution, formatDistribution } from './stats';

export interface PipelineOptions {
  rate: number;
  durationSeconds: number;
}

export interface PipelineResult {
  services: Distribution & { sent: number; accepted: number; visible: number; throughput: number };
  /** The same delays read from the feed service directly, without the gateway's list cache. */
  feedService: Distribution;
  raw: Distribution & { sent: number; throughput: number };
  lines: string[];
}

interface Pending {
  sentAt: number;
  publishedAt: string;
  id?: string;
}

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

/**
 * Articles posted to ingest at a steady rate; for each, the time from the POST until the gateway's
 * feed lists it. Then the raw baseline on the same broker and store: a kafkajs producer, a consumer
 * and a direct driver write, at the same rate.
 */
export async function benchPipeline(options: PipelineOptions, say: (line: string) => void): Promise<PipelineResult> {
  const system = await startBenchSystem('bench-pipeline');
  const random = new SeededRandom(11);
  const pending = new Map<string, Pending>();
  const visibleAfter: number[] = [];
  let accepted = 0;
  let firstSent = 0;
  let lastVisible = 0;
  try {
    const ingest = system.url('ingest');
    const gateway = system.url('gateway');
    let polling = true;
    // The newest first: a page of 100, plus older pages while something older is still awaited.
    const watch = (base: string, waiting: Map<string, Pending>, seen: number[]) =>
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
                seen.push(now - entry.sentAt);
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
    // The same articles watched in the feed service itself: the gateway's list cache is the difference.
    const pendingInFeed = new Map<string, Pending>();
    const visibleInFeed: number[] = [];
    const pollers = [watch(gateway, pending, visibleAfter), watch(system.url('feed'), pendingInFeed, visibleInFeed)];

    say(`pipeline: ${options.rate} articles/s for ${options.durationSeconds} s through ingest → article → feed → gateway`);
    const runTag = randomUUID().slice(0, 8);
    firstSent = Date.now();
    await steady(options.rate, options.durationSeconds, async (i) => {
      const sentAt = Date.now();
      const publishedAt = new Date(sentAt).toISOString();
      const article = {
        source: 'wire',
        sourceId: `bench-pipeline-${runTag}-${i}`,
        headline: randomProse(random, 6),
        body: [randomProse(random, 50), randomProse(random, 40)].join('\n\n'),
        section: 'world',
        publishedAt,
      };
      const entry: Pending = { sentAt, publishedAt };
      try {
        const id = await postArticle(ingest, article);
        entry.id = id;
        accepted++;
        // Seen before the POST answered? Then the poller missed it: count it at the answer.
        pending.set(id, entry);
        pendingInFeed.set(id, entry);
      } catch (error) {
        say(`  refused: ${String(error).slice(0, 200)}`);
      }
    });
    const sent = Math.round(options.rate * options.durationSeconds);
    const waitUntil = Date.now() + 30_000;
    while (pending.size > 0 && Date.now() < waitUntil) await sleep(50);
    polling = false;
    await Promise.all(pollers);
    const feedService = distribution(visibleInFeed);
    const services = {
      ...distribution(visibleAfter),
      sent,
      accepted,
      visible: visibleAfter.length,
      throughput: visibleAfter.length / Math.max(0.001, (lastVisible - firstSent) / 1000),
    };

    const raw = await rawBaseline(options, system.topic('bench.raw.v1'), `${system.runId}-raw`);
    const lines = [
      formatDistribution('services: POST → gateway feed', services),
      formatDistribution('services: POST → feed service', feedService),
      `${'services: delivered'.padEnd(28)}  ${services.visible}/${services.sent} visible (${services.accepted} accepted); ${services.throughput.toFixed(1)}/s from first POST to last visible`,
      formatDistribution('raw: produce → consume → write', raw),
      `${'raw: delivered'.padEnd(28)}  ${raw.count}/${raw.sent} written; ${raw.throughput.toFixed(1)}/s from first send to last write`,
      `${'ratio throughput (svc/raw)'.padEnd(28)}  ${(services.throughput / raw.throughput).toFixed(2)}`,
    ];
    return { services, feedService, raw, lines };
  } finally {
    await system.stop();
  }
}

async function rawBaseline(options: PipelineOptions, topic: string, database: string): Promise<PipelineResult['raw']> {
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
    const deadline = Date.now() + 30_000;
    while (delays.length < sent && Date.now() < deadline) await sleep(50);
    return { ...distribution(delays), sent, throughput: delays.length / Math.max(0.001, (lastWrite - start) / 1000) };
  } finally {
    await consumer.disconnect();
    await producer.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  }
}

import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { eventually } from '../../libs/testing/src/eventually';
import { KafkaProbe } from '../../libs/testing/src/kafka-probe';
import type { ServiceName } from '../../libs/testing/src/service-process';
import { TEST_INGEST_KEY, TestSystem } from '../../libs/testing/src/test-system';
import { DLQ } from '../../libs/messaging/src/dead-letter';
import { listDeadLetters } from '../dlq/dead-letters';
import { ChaosInfrastructure } from './chaos-infra';
import {
  checkComments,
  checkCounts,
  checkDeadLetters,
  checkFeed,
  type DeadLetterSeen,
  repeatedDeadLetters,
  type FeedEntry,
  type InjectedPoison,
  type StoredComment,
} from './checks';
import type { ChaosOptions } from './options';
import { randomProse, SeededRandom } from './random';
import { type CommentAttempt, expectedArticles, expectedComments, planArticles, type PlannedArticle } from './workload';

const MODERATOR = { authorization: 'Bearer dev-moderator-token' };
const SERVICES: ServiceName[] = ['gateway', 'ingest', 'article', 'comment', 'feed'];
const SEED_ARTICLES = 4;
/** Which consumer groups read each topic: an injected poison must be dead-lettered once per group. */
const CONSUMERS: Record<string, ServiceName[]> = {
  'ingest.articles.v1': ['article'],
  'news.articles.v1': ['feed', 'comment'],
  'comments.submissions.v1': ['comment'],
  'news.comments.v1': ['feed'],
};
const POISON_HEADER = 'x-chaos-poison';
/** How long a client keeps retrying one submission before giving up on it (then it was never accepted). */
const SUBMIT_DEADLINE_MS = 180_000;

export interface Disruption {
  target: ServiceName | 'kafka' | 'store';
  at: number;
  downMs: number;
}

export interface ChaosResult {
  failures: string[];
  lines: string[];
}

type Say = (message: string) => void;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function runChaos(options: ChaosOptions, say: Say): Promise<ChaosResult> {
  const random = new SeededRandom(options.seed);
  const started = Date.now();
  const t = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  const log = (message: string) => say(`${t().padStart(7)} ${message}`);

  log(`seed ${options.seed}: ${options.articles} articles, ${options.comments} comments over ${options.durationSeconds} s`);
  const infra = await ChaosInfrastructure.up(`run-${Date.now().toString(36)}-${process.pid}`, options.keepInfra);
  log(`own infrastructure up: kafka ${infra.endpoints.kafkaBrokers}, store ${infra.endpoints.mongodbUri}`);
  // TestSystem, KafkaProbe and the services read these: everything below talks to the chaos instance only.
  process.env.KAFKA_BROKERS = infra.endpoints.kafkaBrokers;
  process.env.MONGODB_URI = infra.endpoints.mongodbUri;
  let system: TestSystem | undefined;
  const probe = new KafkaProbe();
  // Interrupted (Ctrl-C, a test timeout): stop what this run started rather than leave it running.
  const interrupted = () =>
    void (async () => {
      log('interrupted: stopping the services and the chaos infrastructure');
      await Promise.all([...(system?.services.values() ?? [])].filter((s) => s.running).map((s) => s.stop('SIGKILL')));
      await ChaosInfrastructure.downAll();
      process.exit(130);
    })();
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    system = await TestSystem.start('chaos', SERVICES, {
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      COMMENT_RATE_LIMIT_BURST: '1000',
      COMMENT_RATE_LIMIT_PER_MINUTE: '100000',
      LOG_LEVEL: 'info',
    });
    log(`five services up (run ${system.runId})`);
    return await exercise(system, infra, probe, options, random, log, started);
  } finally {
    await probe.close().catch(() => undefined);
    if (system) await system.stop().catch((error: unknown) => log(`cleanup failed: ${String(error)}`));
    if (!options.keepInfra) await infra.down();
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
  }
}

async function exercise(
  system: TestSystem,
  infra: ChaosInfrastructure,
  probe: KafkaProbe,
  options: ChaosOptions,
  random: SeededRandom,
  log: Say,
  started: number,
): Promise<ChaosResult> {
  const gateway = system.url('gateway');
  const ingest = system.url('ingest');
  const commentUrl = system.url('comment');
  const runTag = system.runId.slice(0, 12);
  const stats = { articleRetries: 0, commentFailures: 0, approvalRounds: 0, crashes: [] as string[], errors: new Map<string, number>() };
  // Unavailable (503) is the designed answer while Kafka or the store is down; a 500 never is.
  const onStatus = (service: string, status: number) => {
    if (status === 500 || (status >= 400 && status < 500 && status !== 429)) {
      const key = `${service} answered ${status}`;
      stats.errors.set(key, (stats.errors.get(key) ?? 0) + 1);
    }
  };

  // Articles that take comments exist, and the comment service knows them, before the chaos starts.
  const seeds = planArticles(random, SEED_ARTICLES, `${runTag}-seed`);
  for (const article of seeds) await submitVersion(ingest, article, 0, () => undefined);
  const seedSlugs = await eventually(
    async () => {
      const feed = await readFeed(gateway);
      return seeds.map((article) => {
        const item = feed.find((entry) => entry.id === article.id);
        if (!item) throw new Error('seed articles not in the feed yet');
        return item.slug;
      });
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  await eventually(
    async () => {
      for (const article of seeds) {
        const response = await fetch(`${commentUrl}/v1/articles/${article.id}/commenting`);
        const body = (await response.json()) as { open?: boolean };
        if (!body.open) throw new Error('comment service does not know the seed articles yet');
      }
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
  log(`${seeds.length} articles open for comments`);

  const planned = planArticles(random, options.articles, runTag);
  const attempts: CommentAttempt[] = [];
  const poisons: InjectedPoison[] = [];
  const durationMs = options.durationSeconds * 1000;
  const busy = new Set<string>();
  let workloadDone = false;

  // Disruptions: each service killed with SIGKILL once, the broker and the store restarted once, in a
  // random order at random moments, one at a time.
  const targets = random.shuffle<Disruption['target']>([...SERVICES, 'kafka', 'store']);
  const slot = (durationMs * 0.9) / targets.length;
  const schedule = targets.map((target, i) => ({ target, at: Math.round(i * slot + random.next() * slot * 0.6) }));
  const disruptions: Disruption[] = [];
  const chaosStart = Date.now();

  const disrupt = async () => {
    for (const { target, at } of schedule) {
      const wait = chaosStart + at - Date.now();
      if (wait > 0) await sleep(wait);
      const down = Date.now();
      busy.add(target);
      try {
        if (target === 'kafka') {
          log('restarting the Kafka broker');
          await infra.restartKafka();
        } else if (target === 'store') {
          log('restarting the store');
          await infra.restartStore();
        } else {
          const service = system.service(target);
          const result = await service.stop('SIGKILL');
          log(`killed ${target} with SIGKILL (${result.signal ?? result.code}); restarting`);
          await startWithRetries(service, log);
        }
      } finally {
        busy.delete(target);
      }
      disruptions.push({ target, at: down - chaosStart, downMs: Date.now() - down });
      log(`${target} back after ${((Date.now() - down) / 1000).toFixed(1)} s`);
    }
  };

  // An orchestrator's restart policy: a service that exits on its own is recorded and started again.
  const supervise = async () => {
    while (!workloadDone || busy.size > 0) {
      for (const name of SERVICES) {
        const service = system.service(name);
        if (busy.has(name) || service.running) continue;
        const exit = await service.stop();
        stats.crashes.push(`${name} at ${((Date.now() - chaosStart) / 1000).toFixed(1)}s (${exit.signal ?? `exit ${exit.code}`})`);
        const reason = service
          .logLines()
          .slice(-30)
          .filter((line) => line.level === 'error' || /SIGTERM|stopp|crash/i.test(String(line.msg)))
          .slice(-2)
          .map((line) => String(line.msg).slice(0, 160));
        log(`${name} exited on its own (${exit.signal ?? `exit ${exit.code}`}): ${reason.join(' | ')}; restarting`);
        busy.add(name);
        try {
          await startWithRetries(service, log);
        } finally {
          busy.delete(name);
        }
      }
      await sleep(500);
    }
  };

  const ingestArticles = async () => {
    const pace = durationMs / Math.max(1, planned.length);
    const work: Promise<void>[] = [];
    for (const [index, article] of planned.entries()) {
      const dueAt = chaosStart + index * pace;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      work.push(
        (async () => {
          await submitVersion(ingest, article, 0, () => stats.articleRetries++, onStatus);
          if (article.versions.length > 1) {
            await sleep(random.int(200, Math.max(300, durationMs / 4)));
            await submitVersion(ingest, article, 1, () => stats.articleRetries++, onStatus);
          }
        })(),
      );
    }
    await Promise.all(work);
  };

  const submitComments = async () => {
    const pace = durationMs / Math.max(1, options.comments);
    const work: Promise<void>[] = [];
    for (let index = 0; index < options.comments; index++) {
      const dueAt = chaosStart + index * pace;
      if (dueAt > Date.now()) await sleep(dueAt - Date.now());
      const target = random.int(0, seeds.length - 1);
      const approve = random.next() < 0.5;
      const words = randomProse(random, 12);
      work.push(
        (async () => {
          const deadline = Date.now() + SUBMIT_DEADLINE_MS;
          // A failed attempt may still have been queued, so a retry is a new comment (new marker), never the same one again.
          for (let attempt = 0; Date.now() < deadline; attempt++) {
            const token = `chaos-${runTag}-c${index}-${attempt}`;
            const entry: CommentAttempt = { token, articleId: seeds[target].id!, slug: seedSlugs[target], approve };
            attempts.push(entry);
            const id = await postComment(gateway, seedSlugs[target], token, words, `${index}.${attempt}`, onStatus);
            if (id) {
              entry.id = id;
              return;
            }
            stats.commentFailures++;
            await sleep(300);
          }
        })(),
      );
    }
    await Promise.all(work);
  };

  // The moderator approves about half of the comments as they come in.
  const approve = async (until: () => boolean) => {
    while (!until()) {
      const waiting = attempts.filter((a) => a.id && a.approve && !a.approved);
      for (let i = 0; i < waiting.length; i += 100) {
        const batch = waiting.slice(i, i + 100);
        try {
          const response = await fetch(`${commentUrl}/v1/moderation/approve`, {
            method: 'POST',
            headers: { ...MODERATOR, 'content-type': 'application/json' },
            body: JSON.stringify({ ids: batch.map((a) => a.id) }),
            signal: AbortSignal.timeout(10_000),
          });
          if (response.status !== 200) continue;
          const { results } = (await response.json()) as { results: { id: string; status?: string }[] };
          for (const result of results) {
            if (result.status === 'approved') batch.find((a) => a.id === result.id)!.approved = true;
          }
        } catch {
          // the comment service is down or restarting: try again
        }
      }
      stats.approvalRounds++;
      await sleep(500);
    }
  };

  const injectPoison = async () => {
    const kinds: Array<[string, (id: string) => { value: string; type: string }]> = [
      ['not-json', () => ({ value: '{"unterminated": ', type: 'ArticleSubmitted' })],
      ['wrong-schema', () => ({ value: JSON.stringify({ hello: 'world' }), type: 'ArticlePublished' })],
      ['wrong-types', () => ({ value: JSON.stringify({ articleId: 42, headline: ['x'], version: 'one' }), type: 'ArticlePublished' })],
      ['unknown-type', () => ({ value: JSON.stringify({ articleId: randomUUID() }), type: 'SomethingElseHappened' })],
      ['huge', () => ({ value: JSON.stringify({ padding: 'x'.repeat(300_000) }), type: 'CommentSubmitted' })],
    ];
    for (const topic of Object.keys(CONSUMERS)) {
      for (const [kind, make] of kinds) {
        await sleep(random.int(0, durationMs / 20));
        const poisonId = `poison-${kind}-${topic}-${randomUUID().slice(0, 8)}`;
        const { value, type } = make(poisonId);
        await eventually(
          () =>
            probe.send(system.topic(topic), {
              key: poisonId,
              value,
              headers: {
                ce_specversion: '1.0',
                ce_id: poisonId,
                ce_type: type,
                ce_source: '/chaos',
                ce_time: new Date().toISOString(),
                'content-type': 'application/json',
                [POISON_HEADER]: poisonId,
              },
            }),
          { timeoutMs: 120_000, intervalMs: 500 },
        );
        poisons.push({ topic, poisonId, consumers: CONSUMERS[topic].length });
      }
    }
  };

  const supervisor = supervise();
  const disruptor = disrupt();
  const load = Promise.all([ingestArticles(), submitComments(), injectPoison()]);
  let loadDone = false;
  const approver = approve(() => loadDone && attempts.every((a) => !a.id || !a.approve || a.approved));
  await load;
  loadDone = true;
  log(`workload sent: ${planned.filter((a) => a.acknowledged > 0).length}/${planned.length} articles acknowledged`);
  await disruptor;
  await Promise.race([approver, sleep(120_000)]);
  workloadDone = true;
  await supervisor;
  const chaosMs = Date.now() - chaosStart;

  const quietStart = Date.now();
  const notQuiet = await waitForQuiet(system, log);
  const quietMs = Date.now() - quietStart;
  log(notQuiet ? `NOT quiet after ${(quietMs / 1000).toFixed(1)} s: ${notQuiet}` : `quiet after ${(quietMs / 1000).toFixed(1)} s`);

  const expected = expectedArticles(planned);
  const comments = expectedComments(attempts);
  const tokens = new Map(attempts.map((a) => [a.token, a.id ?? null]));
  let failures: string[] = [];
  let letters: DeadLetterSeen[] = [];
  let checks = 0;
  // The gateway caches lists for a few seconds, and a service whose store or broker just came back
  // may still answer 503 (unavailable, as designed) for a moment: give the read side that long to show
  // the final state. A read that still fails at the deadline is a failure like any other.
  const settleDeadline = Date.now() + 30_000;
  for (;;) {
    checks++;
    let feed: FeedEntry[];
    let stored: StoredComment[];
    const counts = new Map<string, { feed?: number; thread?: number }>();
    try {
      feed = await readFeed(gateway);
      stored = await readModerationQueue(
        commentUrl,
        seeds.map((s) => s.id!),
      );
      for (const [i, seed] of seeds.entries()) {
        const response = await fetch(`${gateway}/v1/articles/${seedSlugs[i]}/comments`);
        if (response.status !== 200) throw new Error(`comments of ${seedSlugs[i]} answered ${response.status}`);
        const thread = (await response.json()) as { total?: number };
        counts.set(seed.id!, { feed: feed.find((item) => item.id === seed.id)?.commentCount, thread: thread.total });
      }
      letters = await readDeadLetters(system);
    } catch (error) {
      failures = [`the read side did not answer: ${error instanceof Error ? error.message : String(error)}`];
      if (notQuiet || Date.now() > settleDeadline) break;
      await sleep(1000);
      continue;
    }
    failures = [
      ...checkFeed([...expectedArticles(seeds), ...expected], feed),
      ...checkComments(comments, stored, tokens),
      ...checkCounts(comments, counts),
      ...checkDeadLetters(poisons, letters),
      ...(notQuiet ? [`consumers stopped making progress: ${notQuiet}`] : []),
      ...[...stats.errors.entries()].map(([what, n]) => `${what} ×${n} (expected 202, or 503 while Kafka or the store is down)`),
    ];
    if (failures.length === 0 || notQuiet || Date.now() > settleDeadline) break;
    await sleep(1000);
  }

  const acknowledgedVersions = planned.reduce((sum, a) => sum + a.acknowledged, 0);
  const acked = attempts.filter((a) => a.id);
  const lines = [
    `seed                 ${options.seed}`,
    `articles             ${expected.length}/${planned.length} acknowledged (${acknowledgedVersions} versions, ${stats.articleRetries} retried requests)`,
    `comments             ${acked.length}/${options.comments} answered 202, ${stats.commentFailures} attempts without 202, ${acked.filter((a) => a.approved).length} approved`,
    `poison               ${poisons.length} messages into ${Object.keys(CONSUMERS).length} topics; ${repeatedDeadLetters(letters)} dead letter(s) written again by the same group after a kill`,
    `disruptions          ${disruptions.map((d) => `${d.target}@${(d.at / 1000).toFixed(0)}s(${(d.downMs / 1000).toFixed(1)}s)`).join(' ')}`,
    `unplanned exits      ${stats.crashes.length === 0 ? 'none' : stats.crashes.join(', ')}`,
    `chaos phase          ${(chaosMs / 1000).toFixed(1)} s; quiet after ${(quietMs / 1000).toFixed(1)} s more; ${checks} check pass(es)`,
    `total                ${((Date.now() - started) / 1000).toFixed(1)} s`,
    `verdict              ${failures.length === 0 ? 'PASS: no loss, no duplicate, counts exact, DLQs hold only the poison' : `FAIL (${failures.length})`}`,
    ...failures.map((failure) => `  - ${failure}`),
  ];
  return { failures, lines };
}

async function startWithRetries(
  service: { start(): Promise<void>; stop(signal?: NodeJS.Signals): Promise<unknown>; running: boolean },
  log: Say,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      await service.start();
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      log(`start failed (attempt ${attempt}): ${String(error).slice(0, 200)}`);
      if (service.running) await service.stop('SIGKILL');
    }
  }
}

async function submitVersion(
  ingest: string,
  article: PlannedArticle,
  version: number,
  onRetry: () => void,
  onStatus: (service: string, status: number) => void = () => undefined,
): Promise<void> {
  const input = article.versions[version];
  article.attempted = Math.max(article.attempted, version + 1);
  const deadline = Date.now() + SUBMIT_DEADLINE_MS;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${ingest}/v1/articles`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TEST_INGEST_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
        signal: AbortSignal.timeout(15_000),
      });
      if (response.status === 202) {
        article.id = ((await response.json()) as { id: string }).id;
        article.acknowledged = version + 1;
        return;
      }
      onStatus('ingest', response.status);
      // A 4xx for a valid article is a bug in the harness or the service: retrying will not help.
      if (response.status >= 400 && response.status < 500 && response.status !== 429) {
        throw new Error(`ingest refused a valid article: ${response.status} ${(await response.text()).slice(0, 300)}`);
      }
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('ingest refused')) throw error;
    }
    // Same source + sourceId + content: a retry is the same article, so it is always safe.
    onRetry();
    await sleep(250);
  }
}

async function postComment(
  gateway: string,
  slug: string,
  token: string,
  words: string,
  who: string,
  onStatus: (service: string, status: number) => void,
): Promise<string | undefined> {
  try {
    const response = await fetch(`${gateway}/v1/articles/${slug}/comments`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': `10.${(Number(who.split('.')[0]) % 250) + 1}.0.${who.split('.')[1]}`,
      },
      body: JSON.stringify({ authorName: `Reader ${who}`, authorEmail: `reader-${token}@example.org`, body: `${words} [${token}]` }),
      signal: AbortSignal.timeout(15_000),
    });
    if (response.status === 202) return ((await response.json()) as { id: string }).id;
    onStatus('gateway (comment)', response.status);
  } catch {
    // no answer: not acknowledged
  }
  return undefined;
}

async function readFeed(gateway: string): Promise<FeedEntry[]> {
  const items: FeedEntry[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const response = await fetch(`${gateway}/v1/feed?limit=100${query}`);
    if (response.status !== 200) throw new Error(`feed answered ${response.status}`);
    const page = (await response.json()) as { items: FeedEntry[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

async function readModerationQueue(commentUrl: string, articleIds: string[]): Promise<StoredComment[]> {
  const stored: StoredComment[] = [];
  for (const articleId of articleIds) {
    for (const status of ['pending', 'approved', 'rejected', 'spam']) {
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
        const response = await fetch(`${commentUrl}/v1/moderation/queue?status=${status}&articleId=${articleId}&limit=100${query}`, {
          headers: MODERATOR,
        });
        if (response.status !== 200) throw new Error(`moderation queue answered ${response.status}`);
        const page = (await response.json()) as { items: StoredComment[]; nextCursor: string | null };
        stored.push(...page.items.map(({ id, status: s, body }) => ({ id, status: s, body })));
        cursor = page.nextCursor;
      } while (cursor);
    }
  }
  return stored;
}

async function readDeadLetters(system: TestSystem): Promise<DeadLetterSeen[]> {
  const brokers = process.env.KAFKA_BROKERS!.split(',');
  const seen: DeadLetterSeen[] = [];
  for (const topic of Object.keys(CONSUMERS)) {
    try {
      const letters = await listDeadLetters({ brokers, topic, prefix: system.topicPrefix });
      seen.push(...letters.map((letter) => ({ topic, poisonId: letter.headers[POISON_HEADER], group: letter.headers[DLQ.group] })));
    } catch (error) {
      if (!String(error).includes('there is no topic')) throw error;
    }
  }
  return seen;
}

/**
 * Quiet: every consumer group has committed up to the end of every partition it reads, three polls in
 * a row. Returns what is still unconsumed when that does not happen in time (then the checks say what it cost).
 */
async function waitForQuiet(system: TestSystem, log: Say, timeoutMs = 120_000): Promise<string | undefined> {
  const admin = new Kafka({
    clientId: 'frontpage-chaos',
    brokers: process.env.KAFKA_BROKERS!.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    let calm = 0;
    let lastDetail = '';
    const deadline = Date.now() + timeoutMs;
    while (calm < 3) {
      const behind: string[] = [];
      for (const [logical, groups] of Object.entries(CONSUMERS)) {
        const topic = system.topic(logical);
        const ends = await admin.fetchTopicOffsets(topic);
        for (const service of groups) {
          const [committed] = await admin.fetchOffsets({ groupId: `${system.runId}-${service}`, topics: [topic] });
          let lag = 0;
          for (const end of ends) {
            const offset = Number(committed.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1');
            lag += Number(end.high) - Math.max(offset, Number(end.low));
          }
          if (lag > 0) behind.push(`${service} ${lag} behind on ${logical}`);
        }
      }
      if (behind.length > 0) {
        const groups = await admin.describeGroups(
          Object.values(CONSUMERS)
            .flat()
            .map((service) => `${system.runId}-${service}`),
        );
        const states = groups.groups.map((g) => `${g.groupId.slice(system.runId.length + 1)}: ${g.state}, ${g.members.length} member(s)`);
        lastDetail = `${behind.join('; ')} (groups: ${[...new Set(states)].join('; ')})`;
        if (Date.now() > deadline) return lastDetail;
        log(`waiting for quiet: ${lastDetail}`);
      }
      calm = behind.length === 0 ? calm + 1 : 0;
      await sleep(behind.length === 0 ? 1000 : 3000);
    }
    return undefined;
  } finally {
    await admin.disconnect();
  }
}

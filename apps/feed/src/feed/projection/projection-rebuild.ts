import { contextFrom, runInContext } from '@frontpage/platform';
import { backoffDelay, ConsumedEvent, decideOnFailure, decodeMessage, KafkaConnection } from '@frontpage/messaging';
import type { Admin, Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../../feed.config';
import { FeedItemRepository } from '../feed-item.repository';
import { SearchTermRepository } from '../search-term.repository';
import { nextGeneration } from './generation';
import { ProjectionGenerations } from './projection-generations';
import { ProjectionStateRepository } from './projection-state.repository';
import { RebuildOptions } from './rebuild-options';
import { ReplayProgress, ReplayTargets } from './replay-progress';

/** The same code the live consumer runs for a topic's events. */
export type EventHandlers = Record<string, (event: ConsumedEvent<never>) => Promise<void>>;

export interface RebuildSummary {
  generation: number;
  previous: number;
  applied: number;
  skipped: number;
  /** Why messages were skipped (already dead-lettered by the live consumer), by error code. */
  skippedByCode: Record<string, number>;
  offsets: string[];
  droppedOld: string[];
  durationMs: number;
}

export class RebuildFailed extends Error {
  override readonly name = 'RebuildFailed';
}

/** A store or broker outage is waited out this many times before the rebuild gives up. */
const MAX_INFRASTRUCTURE_ATTEMPTS = 30;
const HEARTBEAT_MS = 2000;
const PROGRESS_MS = 5000;

export interface RebuildDependencies {
  generations: ProjectionGenerations;
  pointer: ProjectionStateRepository;
  kafka: KafkaConnection;
  config: FeedConfig;
  handlers: EventHandlers;
  /** To tell whether the active generation holds articles the topics may not; to mark the new one. */
  items: FeedItemRepository;
  searchTerms: SearchTermRepository;
  /** Where progress lines go. */
  out: (line: string) => void;
}

/**
 * Rebuilds the feed's projection into a new generation of collections (blue/green): marks it as
 * building (live consumers then write to it too), replays every topic from the beginning with a
 * consumer group of its own up to the end offsets seen at the start, switches the pointer, and
 * drops the previous generation after a grace period. Until the switch, nothing readers see changes;
 * a failure or an abort releases the mark and drops what was built, so it can simply be run again.
 */
export class ProjectionRebuild {
  private applied = 0;
  private skipped = 0;
  private readonly skippedByCode: Record<string, number> = {};

  constructor(private readonly deps: RebuildDependencies) {}

  async run(options: RebuildOptions, signal: AbortSignal): Promise<RebuildSummary> {
    const { generations, pointer, out } = this.deps;
    const started = Date.now();
    const seen = await pointer.read();
    if (!options.allowPartialHistory) await this.checkHistory(seen.active);
    const generation = nextGeneration(seen);
    const buildId = randomUUID();
    const claimed = await pointer.claim(seen, {
      generation,
      buildId,
      now: new Date(),
      staleBefore: new Date(Date.now() - options.staleAfterMs),
    });
    if (!claimed) {
      const current = await pointer.read();
      throw new RebuildFailed(
        current.building === null
          ? 'the projection pointer changed while starting; run the rebuild again'
          : `generation ${current.building} is being built since ${current.startedAt?.toISOString() ?? '?'} (last heartbeat ` +
              `${current.heartbeatAt?.toISOString() ?? '?'}); wait for it, or stop it with npm run feed:rebuild -- --abort`,
      );
    }
    if (seen.building !== null) out(`took over from the rebuild of generation ${seen.building}, which stopped sending heartbeats`);
    out(`building generation ${generation} (generation ${seen.active} stays active until the switch)`);
    await generations.refresh();
    generations.pinWrites(generation);

    let lostClaim = false;
    const heartbeat = setInterval(() => {
      pointer.heartbeat(generation, buildId, new Date()).then(
        (owned) => {
          if (!owned) lostClaim = true;
        },
        () => undefined,
      );
    }, HEARTBEAT_MS);
    const checkClaim = () => {
      if (lostClaim) throw new RebuildFailed(`generation ${generation} is no longer marked as building (aborted from outside)`);
      if (signal.aborted) throw new RebuildFailed('aborted');
    };

    let offsets: string[];
    try {
      const orphans = await generations.dropOrphans([generation]);
      if (orphans.length > 0) out(`dropped collections left by earlier builds: ${orphans.join(', ')}`);
      await generations.ensureCollections(generation);
      // Every item and posting of the new generation is written by this release, with its list buckets.
      await this.deps.items.in(generation).markListBucketsComplete();
      await this.deps.items.in(generation).markMinuteBuckets();
      await this.deps.searchTerms.in(generation).markBucketed();
      // Every replica must be writing to the new generation too before the end offsets are taken:
      // whatever is published after that point reaches it through them.
      const settle = 2 * this.deps.config.FEED_PROJECTION_POLL_MS + 500;
      out(`waiting ${settle} ms for every feed replica to write to generation ${generation} as well`);
      await sleep(settle, signal);
      checkClaim();
      offsets = await this.replay(generation, signal, checkClaim);
      checkClaim();
      if (!(await pointer.switchTo(generation, buildId, seen.active, new Date()))) {
        throw new RebuildFailed(`could not switch to generation ${generation}: the pointer changed (aborted from outside?)`);
      }
    } catch (error) {
      clearInterval(heartbeat);
      await this.cleanUp(generation, buildId);
      throw error;
    }
    clearInterval(heartbeat);
    out(
      `switched: generation ${generation} is active (was ${seen.active}); replicas follow within ${this.deps.config.FEED_PROJECTION_POLL_MS} ms`,
    );

    let droppedOld: string[] = [];
    if (options.keepOld) {
      out(`kept generation ${seen.active}'s collections (--keep-old); the next rebuild drops them`);
    } else {
      out(`dropping generation ${seen.active} in ${options.graceMs} ms`);
      // Once switched there is nothing to roll back: an interrupted wait only leaves the old
      // collections for the next rebuild to drop, since a replica may still be reading them.
      const waited = await sleep(options.graceMs, signal).then(
        () => true,
        () => false,
      );
      if (waited) {
        droppedOld = await generations.dropCollections(seen.active);
        out(`dropped ${droppedOld.join(', ')}`);
      } else {
        out(`interrupted: kept generation ${seen.active}'s collections; the next rebuild drops them`);
      }
    }
    return {
      generation,
      previous: seen.active,
      applied: this.applied,
      skipped: this.skipped,
      skippedByCode: this.skippedByCode,
      offsets,
      droppedOld,
      durationMs: Date.now() - started,
    };
  }

  /** Clears the building mark (of this build) and drops what it built. */
  private async cleanUp(generation: number, buildId: string): Promise<void> {
    const { pointer, generations, out } = this.deps;
    try {
      await pointer.release(generation, buildId);
      // Replicas stop writing to it within a poll interval; writes after the drop would recreate it.
      await new Promise((resolve) => setTimeout(resolve, 2 * this.deps.config.FEED_PROJECTION_POLL_MS + 500));
      const dropped = await generations.dropCollections(generation);
      out(`rolled back: generation ${generation} is no longer building; dropped ${dropped.join(', ')}`);
    } catch (error) {
      out(`could not roll back generation ${generation}: ${(error as Error).message}; run npm run feed:rebuild -- --abort`);
    }
  }

  /** Applies every event up to the end offsets taken now; returns per-topic offsets for the summary. */
  private async replay(generation: number, signal: AbortSignal, checkClaim: () => void): Promise<string[]> {
    const { kafka, config, handlers, out } = this.deps;
    const topics = Object.keys(handlers);
    const admin = kafka.kafka.admin();
    await admin.connect();
    const groupId = `${config.KAFKA_CONSUMER_GROUP ?? `frontpage-${kafka.serviceName}`}-rebuild-g${generation}-${randomUUID().slice(0, 8)}`;
    let consumer: Consumer | undefined;
    let progressTimer: NodeJS.Timeout | undefined;
    try {
      const progress = new ReplayProgress(await this.endOffsets(admin, topics));
      out(`replaying up to: ${progress.describe().join('; ')}`);
      const report = () => out(`applied ${this.applied}, skipped ${this.skipped} | ${progress.describe().join(' | ')}`);
      if (!progress.done) {
        consumer = kafka.kafka.consumer({
          groupId,
          sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
          heartbeatInterval: config.KAFKA_HEARTBEAT_INTERVAL_MS,
          maxWaitTimeInMs: 200,
          allowAutoTopicCreation: false,
        });
        progressTimer = setInterval(report, PROGRESS_MS);
        await this.consume(consumer, progress, topics, signal, checkClaim);
      }
      report();
      return progress.describe();
    } finally {
      clearInterval(progressTimer);
      await consumer?.disconnect().catch(() => undefined);
      // The group served this run only.
      if (consumer) await admin.deleteGroups([groupId]).catch(() => undefined);
      await admin.disconnect();
    }
  }

  /**
   * Refuses to replace the projection with one built from less than it was built from: topics whose
   * oldest messages were deleted by retention, or empty topics (a wrong KAFKA_TOPIC_PREFIX) while the
   * active generation has articles.
   */
  private async checkHistory(active: number): Promise<void> {
    const { kafka, handlers, items } = this.deps;
    const admin = kafka.kafka.admin();
    await admin.connect();
    let targets: ReplayTargets;
    try {
      targets = await this.endOffsets(admin, Object.keys(handlers));
    } finally {
      await admin.disconnect();
    }
    const progress = new ReplayProgress(targets);
    const truncated = Object.entries(targets).flatMap(([topic, ranges]) =>
      ranges.filter((range) => range.low !== '0').map((range) => `${kafka.physical(topic)} p${range.partition} starts at ${range.low}`),
    );
    if (truncated.length > 0) {
      throw new RebuildFailed(
        `the topics no longer hold their whole history (${truncated.join(', ')}): a rebuild would lose what was deleted. ` +
          'Run with --allow-partial-history to rebuild anyway',
      );
    }
    const events = Object.keys(targets).reduce((sum, topic) => sum + progress.total(topic), 0n);
    if (events === 0n && (await items.in(active).hasVisible())) {
      throw new RebuildFailed(
        `the topics prefixed "${kafka.config.KAFKA_TOPIC_PREFIX}" are empty but generation ${active} has articles: ` +
          'check KAFKA_TOPIC_PREFIX and KAFKA_BROKERS (or run with --allow-partial-history)',
      );
    }
  }

  private async endOffsets(admin: Admin, topics: string[]): Promise<ReplayTargets> {
    const targets: ReplayTargets = {};
    for (const topic of topics) {
      const offsets = await retryRetriable(() => admin.fetchTopicOffsets(this.deps.kafka.physical(topic)));
      targets[topic] = offsets.map(({ partition, low, high }) => ({ partition, low, high })).sort((a, b) => a.partition - b.partition);
    }
    return targets;
  }

  private consume(
    consumer: Consumer,
    progress: ReplayProgress,
    topics: string[],
    signal: AbortSignal,
    checkClaim: () => void,
  ): Promise<void> {
    const { kafka, config } = this.deps;
    return new Promise<void>((resolve, reject) => {
      let settled = false;
      const finish = (error?: unknown) => {
        if (settled) return;
        settled = true;
        clearInterval(watch);
        if (error) reject(error);
        else resolve();
      };
      // Aborts and a lost claim are noticed even while no message arrives.
      const watch = setInterval(() => {
        try {
          checkClaim();
        } catch (error) {
          finish(error);
        }
      }, 250);
      signal.addEventListener('abort', () => finish(new RebuildFailed('aborted')), { once: true });
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        if (!payload.restart) finish(new RebuildFailed(`the replay consumer stopped: ${payload.error.message}`));
      });
      const eachBatch = async ({ batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload) => {
        const topic = kafka.logical(batch.topic);
        for (const message of batch.messages) {
          if (settled || !isRunning() || isStale()) return;
          if (!progress.isBeyondTarget(topic, batch.partition, message.offset)) {
            await this.apply(topic, batch.partition, message, signal);
            progress.advance(topic, batch.partition, message.offset);
          }
          resolveOffset(message.offset);
          await heartbeat();
        }
        if (progress.done) finish();
      };
      consumer
        .connect()
        .then(() => consumer.subscribe({ topics: topics.map((topic) => kafka.physical(topic)), fromBeginning: true }))
        .then(() =>
          consumer.run({
            partitionsConsumedConcurrently: config.KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY,
            eachBatchAutoResolve: false,
            autoCommit: false,
            eachBatch: (payload) => eachBatch(payload).catch((error: unknown) => finish(error)),
          }),
        )
        .catch(finish);
    });
  }

  /**
   * Applies one message as the live consumer would, into the building generation. A message the live
   * consumer dead-letters (malformed, or failing for good) is counted and skipped, never retried into
   * the dead-letter topic again.
   */
  private async apply(topic: string, partition: number, message: KafkaMessage, signal: AbortSignal): Promise<void> {
    const { handlers, config } = this.deps;
    const decoded = decodeMessage(topic, message);
    const handler = handlers[topic];
    if (!decoded.ok || !handler) {
      this.skip(decoded.ok ? 'NO_HANDLER' : decoded.code);
      return;
    }
    const { event } = decoded;
    const consumed = {
      type: event.type,
      data: event.data,
      attributes: event.attributes,
      key: event.key,
      topic,
      partition,
      offset: message.offset,
    };
    const context = contextFrom({ correlationId: event.attributes.correlationId, traceparent: event.attributes.traceparent });
    for (let attempt = 1; ; attempt++) {
      try {
        await runInContext(context, () => handler(consumed as ConsumedEvent<never>));
        this.applied++;
        return;
      } catch (error) {
        const decision = decideOnFailure(error, attempt, config.CONSUMER_MAX_ATTEMPTS);
        if (decision === 'dead-letter') {
          this.skip(String((error as { code?: string }).code ?? 'HANDLER_FAILED'));
          return;
        }
        if (attempt >= MAX_INFRASTRUCTURE_ATTEMPTS) throw error;
        await sleep(backoffDelay(attempt, config.CONSUMER_RETRY_BASE_MS, config.CONSUMER_RETRY_MAX_MS), signal);
      }
    }
  }

  private skip(code: string): void {
    this.skipped++;
    this.skippedByCode[code] = (this.skippedByCode[code] ?? 0) + 1;
  }
}

/** Retries what the broker calls retriable (a partition leader not elected yet, right after a topic was created). */
async function retryRetriable<T>(action: () => Promise<T>, attempts = 10): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if (attempt >= attempts || !(error as { retriable?: boolean }).retriable) throw error;
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, 100, 2000)));
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(new RebuildFailed('aborted'));
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new RebuildFailed('aborted'));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

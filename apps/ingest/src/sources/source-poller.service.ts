import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppError, contextFrom, MetricsService, runInContext } from '@frontpage/platform';
import { Counter } from 'prom-client';
import { createHash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ArticleIntakeService } from '../articles/article-intake.service';
import { IngestConfig } from '../ingest.config';
import { mapFeedEntry, MappedEntry } from './feed-entry.mapper';
import { FeedEntryRepository } from './feed-entry.repository';
import { FeedFetchError, fetchFeed } from './feed-fetcher';
import { FeedItem, FeedParseError, parseFeed } from './feed-parser';
import { FeedPollClaimRepository } from './feed-poll-claim.repository';
import { FeedSourceRecord, FeedSourceRepository, PollRecord } from './feed-source.repository';
import { BackoffPolicy, generationAt, generationEnd, healthAfter, secondsUntilNextPoll } from './poll-schedule';

type PollOutcome =
  | { kind: 'not-modified' }
  | { kind: 'fetched'; entriesInFeed: number; published: number; rejected: number; etag?: string; lastModified?: string }
  | { kind: 'failed'; error: string; retryAfterSeconds?: number; published: number; rejected: number }
  /** The process is stopping: the lease is given back and nothing is counted against the source. */
  | { kind: 'interrupted'; published: number; rejected: number }
  /** Another replica holds the source now, or it was deleted: nothing more is written. */
  | { kind: 'lease-lost' };

/** An entry that cannot become an article as it is. */
interface Refused {
  entryId: string;
  fingerprint: string;
  reason: string;
}

/** This replica's hold on the poll of `source` scheduled at `due`. */
interface Lease {
  source: FeedSourceRecord;
  due: Date;
  generation: number;
  until: number;
}

/**
 * Polls the feeds that are due. Every replica runs one; a source's scheduled poll is made only by the
 * replica whose claim on it was inserted (see `FeedPollClaim`), so each feed has one poller however
 * many replicas run. Entries go through the same intake as `POST /v1/articles`; an entry is recorded
 * as seen only once its command is on Kafka, and the feed's validators (ETag, Last-Modified) only
 * once every entry was handled, so an entry that could not be published is taken again next time.
 */
@Injectable()
export class SourcePoller implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SourcePoller.name);
  /** Who holds a lease: unique per process, readable in the store. */
  readonly instanceId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly policy: BackoffPolicy;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();
  private timer?: NodeJS.Timeout;
  private ticking = false;
  private tickRun?: Promise<void>;
  private readonly polls: Counter<'outcome'>;
  private readonly entriesHandled: Counter<'outcome'>;

  constructor(
    private readonly sources: FeedSourceRepository,
    private readonly entries: FeedEntryRepository,
    private readonly claims: FeedPollClaimRepository,
    private readonly intake: ArticleIntakeService,
    private readonly config: IngestConfig,
    metrics: MetricsService,
  ) {
    this.policy = { failureThreshold: config.SOURCE_FAILURE_THRESHOLD, maxBackoffSeconds: config.SOURCE_MAX_BACKOFF_SECONDS };
    this.polls = new Counter({
      name: 'ingest_feed_polls_total',
      help: 'Feed polls by outcome (not-modified, fetched, failed, interrupted, lease-lost)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
    this.entriesHandled = new Counter({
      name: 'ingest_feed_entries_total',
      help: 'New or changed feed entries by outcome (published, rejected)',
      labelNames: ['outcome'] as const,
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.scheduleTick();
  }

  /** Takes no new source, aborts fetches under way and waits for their polls to give their leases back. */
  async onModuleDestroy(): Promise<void> {
    this.stopping.abort();
    clearTimeout(this.timer);
    await this.tickRun;
    await this.settled();
  }

  /** Resolves once the polls under way have finished. */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  private scheduleTick(): void {
    clearTimeout(this.timer);
    if (this.stopping.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.tickRun = this.tick();
    }, this.config.SOURCE_POLL_TICK_MS);
  }

  /** Claims due sources while this replica has room, and starts a poll for each. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const room = this.config.SOURCE_MAX_CONCURRENT_POLLS - this.inFlight.size;
      const candidates = room > 0 && !this.stopping.signal.aborted ? await this.sources.findDue(new Date(), room * 4) : [];
      for (const source of candidates) {
        if (this.inFlight.size >= this.config.SOURCE_MAX_CONCURRENT_POLLS || this.stopping.signal.aborted) break;
        if (this.inFlight.has(source._id)) continue;
        const lease = await this.claim(source);
        if (!lease) continue;
        const poll = this.poll(lease)
          .catch((error: Error) => this.logger.error({ msg: 'feed poll crashed', feedSourceId: source._id, error: error.message }))
          .finally(() => this.inFlight.delete(source._id));
        this.inFlight.set(source._id, poll);
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not look for due feed sources', error: (error as Error).message });
    } finally {
      this.ticking = false;
      this.scheduleTick();
    }
  }

  /** Inserts this replica's claim on the source's due poll; undefined when another replica has it. */
  private async claim(source: FeedSourceRecord): Promise<Lease | undefined> {
    const due = new Date(source.nextPollAt);
    const leaseMs = this.config.sourceLeaseMs;
    const generation = generationAt(due, Date.now(), leaseMs);
    const until = generationEnd(due, generation, leaseMs);
    if (!(await this.claims.tryClaim({ feedSourceId: source._id, due, generation, owner: this.instanceId, until }))) return undefined;
    // The source as read may be stale: polled and released by another replica between the read and the claim.
    const current = await this.sources.findById(source._id);
    if (!current || new Date(current.nextPollAt).getTime() !== due.getTime()) {
      await this.claims.release(source._id, due);
      return undefined;
    }
    await this.sources.markClaimed(source._id, due, this.instanceId, until);
    return { source: current, due, generation, until: until.getTime() };
  }

  /**
   * Before each publication: the source still exists and is still at this poll (not deleted, not
   * polled by a replica that took over), and the lease has time left: past half of it, the next
   * generations are claimed; failing that, another replica has taken over and this poll stops.
   */
  private async keepLease(lease: Lease): Promise<boolean> {
    const current = await this.sources.findById(lease.source._id);
    if (!current || new Date(current.nextPollAt).getTime() !== lease.due.getTime()) return false;
    const leaseMs = this.config.sourceLeaseMs;
    if (Date.now() < lease.until - leaseMs / 2) return true;
    const target = generationAt(lease.due, Date.now(), leaseMs) + 1;
    for (let generation = lease.generation + 1; generation <= target; generation++) {
      const until = generationEnd(lease.due, generation, leaseMs);
      const claimed = await this.claims.tryClaim({
        feedSourceId: lease.source._id,
        due: lease.due,
        generation,
        owner: this.instanceId,
        until,
      });
      if (!claimed) return false;
      lease.generation = generation;
      lease.until = until.getTime();
    }
    await this.sources.markClaimed(lease.source._id, lease.due, this.instanceId, new Date(lease.until));
    return true;
  }

  private poll(lease: Lease): Promise<void> {
    return runInContext(contextFrom({}), async () => {
      const started = Date.now();
      let outcome: PollOutcome;
      try {
        outcome = await this.fetchAndPublish(lease);
      } catch (error) {
        outcome = this.stopping.signal.aborted
          ? { kind: 'interrupted', published: 0, rejected: 0 }
          : {
              kind: 'failed',
              error: describe(error),
              retryAfterSeconds: (error as FeedFetchError).retryAfterSeconds,
              published: 0,
              rejected: 0,
            };
      }
      this.polls.inc({ outcome: outcome.kind });
      await this.finish(lease, outcome, Date.now() - started);
    });
  }

  private async fetchAndPublish(lease: Lease): Promise<PollOutcome> {
    const { source } = lease;
    const fetched = await fetchFeed(
      source.url,
      { etag: source.etag, lastModified: source.lastModified },
      {
        timeoutMs: this.config.SOURCE_FETCH_TIMEOUT_MS,
        maxBytes: this.config.SOURCE_MAX_FEED_BYTES,
        signal: this.stopping.signal,
        allowPrivateAddresses: this.config.allowsPrivateFeedAddresses,
      },
    );
    if (fetched.status === 'not-modified') return { kind: 'not-modified' };
    const feed = await parseFeed(source.kind, fetched.body);

    const context = { owner: source.owner, feedUrl: source.url, language: feed.language };
    const candidates = new Map<string, MappedEntry | Refused>();
    for (const item of feed.items) {
      const mapping = mapFeedEntry(item, context);
      if (mapping.ok) {
        if (!candidates.has(mapping.entry.entryId)) candidates.set(mapping.entry.entryId, mapping.entry);
      } else if (mapping.entryId) {
        if (!candidates.has(mapping.entryId)) {
          candidates.set(mapping.entryId, { entryId: mapping.entryId, fingerprint: fingerprintOf(item), reason: mapping.reason });
        }
      } else {
        this.logger.warn({ msg: 'feed entry skipped', feedSourceId: source._id, title: item.title?.slice(0, 120), reason: mapping.reason });
      }
    }
    const known = await this.entries.fingerprints(source._id, [...candidates.keys()]);
    // Feeds list the newest first: publish the oldest first, so the site sees them in order.
    const pending = [...candidates.values()].filter((entry) => known.get(entry.entryId) !== entry.fingerprint).reverse();

    let published = 0;
    let rejected = 0;
    for (const entry of pending) {
      if (this.stopping.signal.aborted) return { kind: 'interrupted', published, rejected };
      if (!(await this.keepLease(lease))) return { kind: 'lease-lost' };
      let reason: string;
      if ('reason' in entry) {
        reason = entry.reason;
      } else {
        try {
          const accepted = await this.intake.submit(source.owner, entry.draft);
          await this.entries.record(
            source._id,
            { entryId: entry.entryId, fingerprint: entry.fingerprint, outcome: 'published', articleId: accepted.id },
            new Date(),
          );
          published += 1;
          this.entriesHandled.inc({ outcome: 'published' });
          continue;
        } catch (error) {
          if (!(error instanceof AppError && error.permanent)) {
            // Kafka or the store is unavailable: stop here; this entry and the rest are taken again next poll.
            return { kind: 'failed', error: `publishing failed: ${describe(error)}`, published, rejected };
          }
          reason = describe(error);
        }
      }
      // Refused for good (until the entry changes): logged and remembered, so it is not retried every poll.
      rejected += 1;
      this.entriesHandled.inc({ outcome: 'rejected' });
      this.logger.warn({ msg: 'feed entry rejected', feedSourceId: source._id, entryId: entry.entryId, reason });
      await this.entries.record(
        source._id,
        { entryId: entry.entryId, fingerprint: entry.fingerprint, outcome: 'rejected', reason: reason.slice(0, 500) },
        new Date(),
      );
    }
    return {
      kind: 'fetched',
      entriesInFeed: feed.items.length,
      published,
      rejected,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
    };
  }

  private async finish(lease: Lease, outcome: PollOutcome, ms: number): Promise<void> {
    const { source, due } = lease;
    if (outcome.kind === 'lease-lost') {
      this.logger.warn({ msg: 'feed poll abandoned: the source was deleted or taken over', feedSourceId: source._id });
      await this.forgetIfDeleted(source._id);
      return;
    }
    const now = new Date();
    const record = this.recordOf(source, outcome, now);
    const log = { feedSourceId: source._id, source: source.owner, outcome: outcome.kind, ms, ...countsOf(outcome) };
    if (outcome.kind === 'failed') {
      this.logger.warn({
        ...log,
        msg: 'feed poll failed',
        error: outcome.error,
        consecutiveFailures: record.set.consecutiveFailures,
        status: record.set.health,
        nextPollAt: record.set.nextPollAt,
      });
    } else if (outcome.kind === 'not-modified') {
      this.logger.debug({ ...log, msg: 'feed not modified' });
    } else {
      this.logger.log({ ...log, msg: 'feed polled' });
    }
    // The schedule moves on first, then the claims go: a replica that claims this poll late sees it done.
    if (!(await this.sources.recordPoll(source._id, due, record))) await this.forgetIfDeleted(source._id);
    await this.claims.release(source._id, due);
  }

  private recordOf(source: FeedSourceRecord, outcome: Exclude<PollOutcome, { kind: 'lease-lost' }>, now: Date): PollRecord {
    const inc = { entriesPublished: 0, entriesRejected: 0, ...(outcome.kind === 'not-modified' ? {} : incOf(outcome)) };
    const at = (seconds: number) => new Date(now.getTime() + seconds * 1000);
    switch (outcome.kind) {
      case 'interrupted':
        // Due again at once, for whichever replica is still running.
        return { set: {}, unset: [], inc };
      case 'failed': {
        const failures = source.consecutiveFailures + 1;
        return {
          set: {
            consecutiveFailures: failures,
            health: healthAfter(failures, this.policy),
            lastError: outcome.error.slice(0, 500),
            lastErrorAt: now,
            lastPolledAt: now,
            nextPollAt: at(secondsUntilNextPoll(source.intervalSeconds, failures, this.policy, outcome.retryAfterSeconds)),
          },
          unset: [],
          inc,
        };
      }
      case 'not-modified':
      case 'fetched': {
        const fetched = outcome.kind === 'fetched' ? outcome : undefined;
        return {
          set: {
            consecutiveFailures: 0,
            health: 'healthy',
            lastPolledAt: now,
            lastSuccessAt: now,
            nextPollAt: at(source.intervalSeconds),
            ...(fetched ? { entriesInFeed: fetched.entriesInFeed } : {}),
            ...(fetched?.etag ? { etag: fetched.etag } : {}),
            ...(fetched?.lastModified ? { lastModified: fetched.lastModified } : {}),
          },
          unset: fetched ? [...(fetched.etag ? [] : ['etag' as const]), ...(fetched.lastModified ? [] : ['lastModified' as const])] : [],
          inc,
        };
      }
    }
  }

  /** A source deleted while it was polled: drop what this poll may have recorded after the deletion. */
  private async forgetIfDeleted(id: string): Promise<void> {
    if (await this.sources.findById(id)) return;
    await this.entries.deleteForSource(id);
    await this.claims.deleteForSource(id);
  }
}

function fingerprintOf(item: FeedItem): string {
  return createHash('sha256').update(JSON.stringify(item), 'utf8').digest('hex');
}

function incOf(outcome: { published: number; rejected: number }) {
  return { entriesPublished: outcome.published, entriesRejected: outcome.rejected };
}

function countsOf(outcome: PollOutcome): Record<string, number> {
  return 'published' in outcome ? { published: outcome.published, rejected: outcome.rejected } : {};
}

function describe(error: unknown): string {
  if (error instanceof FeedFetchError || error instanceof FeedParseError) return error.message;
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

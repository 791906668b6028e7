import 'reflect-metadata';
import { validateEnvironment } from '@frontpage/config';
import { ErrorCodes } from '@frontpage/contracts';
import { Logger } from '@nestjs/common';
import { AppError, MetricsService } from '@frontpage/platform';
import { Registry } from 'prom-client';
import { ArticleIntakeService } from '../articles/article-intake.service';
import { ArticleDraft } from '../content/article-draft';
import { IngestConfig } from '../ingest.config';
import { FeedEntryRepository, HandledEntry } from './feed-entry.repository';
import { claimId, FeedPollClaimRepository } from './feed-poll-claim.repository';
import { FeedSourceRecord, FeedSourceRepository, newFeedSource, PollRecord } from './feed-source.repository';
import { SourcePoller } from './source-poller.service';

/** The three collections in memory, with the same contracts as the repositories. */
class FakeStore {
  readonly sources = new Map<string, FeedSourceRecord>();
  readonly entries = new Map<string, HandledEntry>();
  readonly claims = new Set<string>();

  sourceRepository(): FeedSourceRepository {
    return {
      findDue: async (now: Date) =>
        [...this.sources.values()]
          .filter((source) => source.nextPollAt <= now && source.claimedUntil <= now)
          .map((source) => ({ ...source })),
      markClaimed: async (id: string, due: Date, claimedBy: string, until: Date) => {
        const source = this.sources.get(id);
        if (source && source.nextPollAt.getTime() === due.getTime()) Object.assign(source, { claimedBy, claimedUntil: until });
      },
      findById: async (id: string) => (this.sources.has(id) ? { ...this.sources.get(id)! } : null),
      recordPoll: async (id: string, due: Date, record: PollRecord) => {
        const source = this.sources.get(id);
        if (!source || source.nextPollAt.getTime() !== due.getTime()) return false;
        Object.assign(source, record.set, { claimedUntil: new Date(0) });
        for (const field of record.unset) delete source[field];
        source.entriesPublished += record.inc.entriesPublished;
        source.entriesRejected += record.inc.entriesRejected;
        return true;
      },
    } as unknown as FeedSourceRepository;
  }

  entryRepository(): FeedEntryRepository {
    return {
      fingerprints: async (_feed: string, ids: string[]) =>
        new Map(ids.filter((id) => this.entries.has(id)).map((id) => [id, this.entries.get(id)!.fingerprint])),
      record: async (_feed: string, entry: HandledEntry) => void this.entries.set(entry.entryId, entry),
      deleteForSource: async () => this.entries.clear(),
    } as unknown as FeedEntryRepository;
  }

  claimRepository(): FeedPollClaimRepository {
    return {
      tryClaim: async (claim: { feedSourceId: string; due: Date; generation: number }) => {
        const id = claimId(claim.feedSourceId, claim.due, claim.generation);
        if (this.claims.has(id)) return false;
        this.claims.add(id);
        return true;
      },
      release: async (feedSourceId: string) => {
        for (const id of this.claims) if (id.startsWith(feedSourceId)) this.claims.delete(id);
      },
      deleteForSource: async () => this.claims.clear(),
    } as unknown as FeedPollClaimRepository;
  }
}

const FEED_URL = 'https://wire.example/rss.xml';

function rss(guids: string[]): string {
  const items = guids.map(
    (guid) => `<item><title>Story ${guid}</title><guid>${guid}</guid><description>&lt;p&gt;Body of ${guid}.&lt;/p&gt;</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items.join('')}</channel></rss>`;
}

describe('SourcePoller', () => {
  let store: FakeStore;
  let submit: jest.Mock<Promise<{ id: string; status: 'accepted' }>, [string, ArticleDraft]>;
  let poller: SourcePoller;
  let feedBody: string;

  const source = (): FeedSourceRecord => store.sources.get('feed-1')!;
  const pollNow = async () => {
    source().nextPollAt = new Date(Date.now() - 1);
    await poller.tick();
    await poller.settled();
  };

  beforeAll(() => Logger.overrideLogger(false));

  beforeEach(() => {
    store = new FakeStore();
    store.sources.set(
      'feed-1',
      newFeedSource({ _id: 'feed-1', owner: 'wire', name: 'Wire', kind: 'rss', url: FEED_URL, intervalSeconds: 60 }, new Date()),
    );
    feedBody = rss(['a', 'b']);
    jest.spyOn(global, 'fetch').mockImplementation(async () => new Response(feedBody, { status: 200, headers: { etag: '"e1"' } }));
    submit = jest.fn(async (_owner: string, draft: ArticleDraft) => ({ id: `article-${draft.sourceId}`, status: 'accepted' as const }));
    const config = validateEnvironment(IngestConfig)({
      KAFKA_BROKERS: 'localhost:9092',
      MONGODB_URI: 'mongodb://localhost:27017',
      SOURCE_POLL_TICK_MS: '60000',
      SOURCE_FAILURE_THRESHOLD: '2',
    });
    poller = new SourcePoller(
      store.sourceRepository(),
      store.entryRepository(),
      store.claimRepository(),
      { submit } as unknown as ArticleIntakeService,
      config,
      { registry: new Registry() } as MetricsService,
    );
  });

  afterEach(async () => {
    await poller.onModuleDestroy();
    jest.restoreAllMocks();
  });

  it('publishes new entries oldest first, keeps the validators, and skips unchanged entries next time', async () => {
    await pollNow();
    expect(submit.mock.calls.map(([, draft]) => draft.sourceId)).toEqual(['b', 'a']);
    expect(source()).toMatchObject({ etag: '"e1"', entriesInFeed: 2, entriesPublished: 2, health: 'healthy', consecutiveFailures: 0 });
    expect(source().nextPollAt.getTime() - source().lastPolledAt!.getTime()).toBe(60_000);
    expect(store.claims.size).toBe(0);

    await pollNow();
    expect(submit).toHaveBeenCalledTimes(2);
    feedBody = rss(['a', 'b', 'c']);
    await pollNow();
    expect(submit.mock.calls.map(([, draft]) => draft.sourceId)).toEqual(['b', 'a', 'c']);
  });

  it('loses nothing when publishing fails: the entry is not marked seen and the validators are not kept', async () => {
    submit.mockImplementationOnce(async (_owner, draft) => ({ id: `article-${draft.sourceId}`, status: 'accepted' as const }));
    submit.mockRejectedValueOnce(
      new AppError(ErrorCodes.UpstreamUnavailable, 'The article could not be queued; try again', { httpStatus: 503 }),
    );
    await pollNow();
    expect([...store.entries.keys()]).toEqual(['b']);
    expect(source()).toMatchObject({ consecutiveFailures: 1, health: 'healthy', entriesPublished: 1 });
    expect(source().lastError).toMatch(/^publishing failed: UPSTREAM.UNAVAILABLE/);
    expect(source().etag).toBeUndefined();
    expect(source().nextPollAt.getTime() - source().lastPolledAt!.getTime()).toBe(120_000);

    await pollNow();
    expect(submit.mock.calls.map(([, draft]) => draft.sourceId)).toEqual(['b', 'a', 'a']);
    expect(source()).toMatchObject({ consecutiveFailures: 0, etag: '"e1"', entriesPublished: 2 });
  });

  it('rejects an entry the intake refuses for good, once, and goes on with the others', async () => {
    submit.mockRejectedValueOnce(new AppError(ErrorCodes.ValidationFailed, 'The article is invalid', { httpStatus: 400, permanent: true }));
    await pollNow();
    expect(store.entries.get('b')).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/invalid/) });
    expect(store.entries.get('a')).toMatchObject({ outcome: 'published' });
    expect(source()).toMatchObject({ entriesRejected: 1, entriesPublished: 1, consecutiveFailures: 0 });
    await pollNow();
    expect(submit).toHaveBeenCalledTimes(2);
  });

  it('counts fetch failures, becomes unhealthy at the threshold and backs off', async () => {
    jest.spyOn(global, 'fetch').mockImplementation(async () => new Response('no', { status: 503, statusText: 'Service Unavailable' }));
    await pollNow();
    await pollNow();
    expect(source()).toMatchObject({ consecutiveFailures: 2, health: 'unhealthy', lastError: 'HTTP 503 Service Unavailable' });
    expect(source().nextPollAt.getTime() - source().lastPolledAt!.getTime()).toBe(240_000);
    expect(submit).not.toHaveBeenCalled();
  });

  it('does not poll a source whose scheduled poll another replica has claimed', async () => {
    await store.claimRepository().tryClaim({ feedSourceId: 'feed-1', due: source().nextPollAt, generation: 0 } as never);
    await poller.tick();
    await poller.settled();
    expect(global.fetch).not.toHaveBeenCalled();
  });

  it('stops publishing when the source is deleted during the poll', async () => {
    submit.mockImplementationOnce(async (_owner, draft) => {
      store.sources.delete('feed-1');
      return { id: `article-${draft.sourceId}`, status: 'accepted' as const };
    });
    store.sources.get('feed-1')!.nextPollAt = new Date(Date.now() - 1);
    await poller.tick();
    await poller.settled();
    expect(submit).toHaveBeenCalledTimes(1);
    expect(store.entries.size).toBe(0);
  });
});

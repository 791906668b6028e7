import { newRunId } from '@frontpage/testing';
import mongoose, { Connection, Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { FeedEntryRepository } from './feed-entry.repository';
import { FeedEntry, FeedEntrySchema } from './feed-entry.schema';
import { FeedPollClaimRepository } from './feed-poll-claim.repository';
import { FeedPollClaim, FeedPollClaimSchema } from './feed-poll-claim.schema';
import { FeedSourceRecord, FeedSourceRepository, newFeedSource } from './feed-source.repository';
import { FeedSource, FeedSourceSchema } from './feed-source.schema';

/** Two connections, as two ingest replicas would have, on one database of the real store. */
describe('feed source repositories against the store', () => {
  const database = newRunId('ingest-sources').slice(0, 60);
  let connections: Connection[];
  let claims: FeedPollClaimRepository[];
  let sources: FeedSourceRepository;
  let entries: FeedEntryRepository;

  beforeAll(async () => {
    connections = await Promise.all(
      [0, 1].map(() =>
        mongoose.createConnection(process.env.MONGODB_URI!, { dbName: database, serverSelectionTimeoutMS: 5000 }).asPromise(),
      ),
    );
    const models = connections.map((connection) => ({
      claims: connection.model(FeedPollClaim.name, FeedPollClaimSchema) as unknown as Model<FeedPollClaim>,
      sources: connection.model(FeedSource.name, FeedSourceSchema) as unknown as Model<FeedSource>,
      entries: connection.model(FeedEntry.name, FeedEntrySchema) as unknown as Model<FeedEntry>,
    }));
    await Promise.all([models[0].claims.init(), models[0].sources.init(), models[0].entries.init()]);
    claims = models.map((model) => new FeedPollClaimRepository(model.claims));
    sources = new FeedSourceRepository(models[0].sources);
    entries = new FeedEntryRepository(models[0].entries);
  }, 30_000);

  afterAll(async () => {
    await connections?.[0].dropDatabase();
    await Promise.all((connections ?? []).map((connection) => connection.close()));
  });

  const aSource = (overrides: Partial<FeedSourceRecord> = {}): FeedSourceRecord => {
    const registration = {
      _id: randomUUID(),
      owner: 'wire',
      name: 'Test feed',
      kind: 'rss' as const,
      url: `https://wire.example/${randomUUID()}.xml`,
      intervalSeconds: 60,
    };
    return { ...newFeedSource(registration, new Date()), ...overrides };
  };

  it('gives each scheduled poll to exactly one of many concurrent claimers', async () => {
    for (let round = 0; round < 10; round++) {
      const claim = { feedSourceId: randomUUID(), due: new Date(), generation: 0, until: new Date(Date.now() + 30_000) };
      const attempts = await Promise.all(
        Array.from({ length: 12 }, (_, i) => claims[i % 2].tryClaim({ ...claim, owner: `replica-${i % 2}-${i}` })),
      );
      expect(attempts.filter(Boolean)).toHaveLength(1);
    }
  });

  it('lets a poll be claimed again once released, and a later generation be claimed separately', async () => {
    const claim = { feedSourceId: randomUUID(), due: new Date(), generation: 0, owner: 'replica-a', until: new Date(Date.now() + 30_000) };
    expect(await claims[0].tryClaim(claim)).toBe(true);
    expect(await claims[1].tryClaim({ ...claim, owner: 'replica-b' })).toBe(false);
    expect(await claims[1].tryClaim({ ...claim, generation: 1, owner: 'replica-b' })).toBe(true);
    expect(await claims[0].tryClaim({ ...claim, generation: 1 })).toBe(false);
    await claims[0].release(claim.feedSourceId, claim.due);
    expect(await claims[1].tryClaim({ ...claim, owner: 'replica-b' })).toBe(true);
    await claims[1].deleteForSource(claim.feedSourceId);
    expect(await claims[0].tryClaim(claim)).toBe(true);
  });

  it('finds due sources oldest first and records a poll only at the schedule it was claimed for', async () => {
    const past = Date.now() - 60_000;
    const older = aSource({ nextPollAt: new Date(past) });
    const newer = aSource({ nextPollAt: new Date(past + 1000) });
    const later = aSource({ nextPollAt: new Date(Date.now() + 3_600_000) });
    const polled = aSource({ nextPollAt: new Date(past) });
    for (const source of [newer, later, older, polled]) await sources.insert(source);
    await sources.markClaimed(polled._id, polled.nextPollAt, 'replica-a', new Date(Date.now() + 30_000));

    const due = (await sources.findDue(new Date(), 100)).map((source) => source._id);
    expect(due.indexOf(older._id)).toBeLessThan(due.indexOf(newer._id));
    expect(due).not.toContain(later._id);
    expect(due).not.toContain(polled._id);
    expect(await sources.findById(polled._id)).toMatchObject({ claimedBy: 'replica-a' });

    const next = new Date(Date.now() + 60_000);
    const record = {
      set: { nextPollAt: next, lastError: 'HTTP 500', consecutiveFailures: 1 },
      unset: [],
      inc: { entriesPublished: 2, entriesRejected: 1 },
    };
    expect(await sources.recordPoll(older._id, new Date(past + 5), record)).toBe(false);
    await sources.markClaimed(older._id, older.nextPollAt, 'replica-b', new Date(Date.now() + 30_000));
    expect(await sources.recordPoll(older._id, older.nextPollAt, record)).toBe(true);
    expect(await sources.recordPoll(older._id, older.nextPollAt, record)).toBe(false);
    expect(await sources.findById(older._id)).toMatchObject({
      nextPollAt: next,
      lastError: 'HTTP 500',
      consecutiveFailures: 1,
      entriesPublished: 2,
      entriesRejected: 1,
      claimedUntil: new Date(0),
    });
    expect((await sources.findById(older._id))!.claimedBy).toBeUndefined();
    await sources.recordPoll(older._id, next, {
      set: { consecutiveFailures: 0 },
      unset: ['lastError'],
      inc: { entriesPublished: 1, entriesRejected: 0 },
    });
    const recovered = await sources.findById(older._id);
    expect(recovered).toMatchObject({ consecutiveFailures: 0, entriesPublished: 3 });
    expect(recovered!.lastError).toBeUndefined();
  });

  it('refuses a second registration of the same url by the same source', async () => {
    const source = aSource();
    await sources.insert(source);
    await expect(sources.insert(aSource({ url: source.url }))).rejects.toThrow(/already has a feed with that url/);
    await expect(sources.insert(aSource({ url: source.url, owner: 'other' }))).resolves.toBeUndefined();
  });

  it("remembers each entry's fingerprint, per feed", async () => {
    const feed = randomUUID();
    await entries.record(feed, { entryId: 'a', fingerprint: 'f1', outcome: 'published', articleId: randomUUID() }, new Date());
    await entries.record(feed, { entryId: 'b', fingerprint: 'f2', outcome: 'rejected', reason: 'no title' }, new Date());
    await entries.record(feed, { entryId: 'a', fingerprint: 'f3', outcome: 'published', articleId: randomUUID() }, new Date());
    await entries.record(randomUUID(), { entryId: 'c', fingerprint: 'f4', outcome: 'published' }, new Date());
    expect(await entries.fingerprints(feed, ['a', 'b', 'c', 'd'])).toEqual(
      new Map([
        ['a', 'f3'],
        ['b', 'f2'],
      ]),
    );
    expect(await entries.countForSource(feed)).toBe(2);
    await entries.deleteForSource(feed);
    expect(await entries.fingerprints(feed, ['a', 'b'])).toEqual(new Map());
  });
});

import { ServiceConfigModule } from '@frontpage/config';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, PlatformModule, StoreModule } from '@frontpage/platform';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../feed.config';
import { FeedItemContent, FeedItemRepository } from './feed-item.repository';
import { FeedModule } from './feed.module';
import { FeedService } from './feed.service';
import { FEED_ITEMS, ProjectionGenerations } from './projection/projection-generations';

function content(overrides: Partial<FeedItemContent> = {}): FeedItemContent {
  return {
    slug: `story-${randomUUID().slice(0, 8)}`,
    headline: 'Harbour bridge reopens',
    teaser: 'The bridge reopened on Monday.',
    dateline: 'LISBON -',
    section: 'europe',
    tags: ['transport'],
    publishedAt: new Date('2024-03-05T10:00:00.000Z'),
    ...overrides,
  };
}

/** A section no other test writes to, so counts and pages see only this test's items. */
const aSection = () => `section-${randomUUID().slice(0, 8)}`;

describe('the feed projection against the store', () => {
  let service: TestApp;
  let repository: FeedItemRepository;
  let feed: FeedService;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'feed-items',
      imports: () => [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), FeedModule],
    });
    repository = service.app.get(FeedItemRepository);
    feed = service.app.get(FeedService);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  }, 30_000);

  const idsOf = async (section: string) => (await repository.page({ section }, 100)).map((item) => item._id);

  describe('applyVersion', () => {
    it('stores a version once: the same version again changes nothing', async () => {
      const id = randomUUID();
      const section = aSection();
      expect(await repository.applyVersion(id, 1, content({ section, headline: 'First' }))).toBe(true);
      expect(await repository.applyVersion(id, 1, content({ section, headline: 'First, redelivered with other content' }))).toBe(false);

      const [item] = await repository.page({ section }, 10);
      expect(item).toMatchObject({ _id: id, version: 1, headline: 'First', withdrawn: false });
      expect(await repository.count({ section }, 1000)).toBe(1);
    });

    it('ignores an older version that arrives after a newer one', async () => {
      const id = randomUUID();
      const section = aSection();
      expect(await repository.applyVersion(id, 3, content({ section, headline: 'Third' }))).toBe(true);
      expect(await repository.applyVersion(id, 2, content({ section, headline: 'Second' }))).toBe(false);
      expect(await repository.applyVersion(id, 4, content({ section, headline: 'Fourth' }))).toBe(true);
      expect(await repository.applyVersion(id, 1, content({ section, headline: 'First' }))).toBe(false);

      expect(await repository.page({ section }, 10)).toEqual([expect.objectContaining({ _id: id, version: 4, headline: 'Fourth' })]);
    });
  });

  describe('withdraw', () => {
    it('hides the article from page() and count(), and an older snapshot arriving later does not bring it back', async () => {
      const id = randomUUID();
      const kept = randomUUID();
      const section = aSection();
      await repository.applyVersion(id, 1, content({ section }));
      await repository.applyVersion(kept, 1, content({ section }));
      expect(await repository.count({ section }, 1000)).toBe(2);

      expect(await repository.withdraw(id, 2)).toBe(true);
      expect(await idsOf(section)).toEqual([kept]);
      expect(await repository.count({ section }, 1000)).toBe(1);

      expect(await repository.applyVersion(id, 1, content({ section }))).toBe(false);
      expect(await repository.applyVersion(id, 2, content({ section }))).toBe(false);
      expect(await repository.withdraw(id, 2)).toBe(false);
      expect(await idsOf(section)).toEqual([kept]);
      expect(await repository.count({ section }, 1000)).toBe(1);
      expect((await feed.page({ section }, 10)).items.map((item) => item.id)).toEqual([kept]);
    });

    it('keeps a tombstone for a withdrawal that arrives before any snapshot', async () => {
      const id = randomUUID();
      const section = aSection();
      expect(await repository.withdraw(id, 2)).toBe(true);
      expect(await repository.applyVersion(id, 1, content({ section }))).toBe(false);
      expect(await repository.count({ section }, 1000)).toBe(0);
      expect(await repository.page({}, 1000)).not.toContainEqual(expect.objectContaining({ _id: id }));
    });
  });

  describe('cursor pagination', () => {
    const TIMES = [
      '2024-03-05T12:00:00.000Z',
      '2024-03-05T11:00:00.000Z',
      '2024-03-05T10:00:00.000Z',
      '2024-03-04T09:30:00.000Z',
      '2024-03-01T00:00:00.000Z',
    ];

    /** 25 items in a fresh section, five per publish time, so most page boundaries fall inside a tie. */
    async function seed(section: string): Promise<string[]> {
      const items = TIMES.flatMap((time) => Array.from({ length: 5 }, () => ({ id: randomUUID(), publishedAt: new Date(time) })));
      for (const item of items) await repository.applyVersion(item.id, 1, content({ section, publishedAt: item.publishedAt }));
      // Newest first, ties broken by id, descending.
      return items
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((item) => item.id);
    }

    async function walk(section: string, limit: number, betweenPages: () => Promise<void> = async () => undefined) {
      const seen: string[] = [];
      const totals: (number | null)[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 50; pages++) {
        const page = await feed.page({ section }, limit, cursor);
        seen.push(...page.items.map((item) => item.id));
        totals.push(page.total);
        if (!page.nextCursor) return { seen, totals, pages: pages + 1 };
        cursor = page.nextCursor;
        await betweenPages();
      }
      throw new Error('the walk did not end');
    }

    it('walks every item once, newest first, through ties in the publish time', async () => {
      const section = aSection();
      const expected = await seed(section);

      const { seen, totals, pages } = await walk(section, 4);

      expect(seen).toEqual(expected);
      expect(new Set(seen).size).toBe(25);
      expect(pages).toBe(7);
      expect(new Set(totals)).toEqual(new Set([25]));
    });

    it('ends without an empty last page when the items fill the pages exactly', async () => {
      const section = aSection();
      const expected = await seed(section);
      const { seen, pages } = await walk(section, 5);
      expect(seen).toEqual(expected);
      expect(pages).toBe(5);
    });

    it('stays stable when newer items are published between page fetches', async () => {
      const section = aSection();
      const expected = await seed(section);
      const added: string[] = [];

      const { seen, totals } = await walk(section, 4, async () => {
        const id = randomUUID();
        added.push(id);
        await repository.applyVersion(id, 1, content({ section, publishedAt: new Date() }));
      });

      expect(seen).toEqual(expected);
      expect(totals[totals.length - 1]).toBe(25 + added.length);
      // The new items lead the feed for the next reader.
      expect((await feed.page({ section }, added.length)).items.map((item) => item.id).sort()).toEqual([...added].sort());
    });

    it('refuses a cursor it did not issue', async () => {
      const refusal = feed.page({}, 10, 'not-a-cursor');
      await expect(refusal).rejects.toBeInstanceOf(AppError);
      await expect(refusal).rejects.toMatchObject({ code: ErrorCodes.ValidationFailed, httpStatus: 400 });
    });
  });

  describe('filters', () => {
    it('pages and counts by section, by tag, and by both', async () => {
      const [sport, politics] = [aSection(), aSection()];
      const tag = `tag-${randomUUID().slice(0, 8)}`;
      const items = {
        sportTagged: randomUUID(),
        sportPlain: randomUUID(),
        politicsTagged: randomUUID(),
        politicsPlain: randomUUID(),
      };
      await repository.applyVersion(items.sportTagged, 1, content({ section: sport, tags: ['football', tag] }));
      await repository.applyVersion(items.sportPlain, 1, content({ section: sport, tags: ['football'] }));
      await repository.applyVersion(items.politicsTagged, 1, content({ section: politics, tags: [tag] }));
      await repository.applyVersion(items.politicsPlain, 1, content({ section: politics, tags: [] }));
      const withdrawn = randomUUID();
      await repository.applyVersion(withdrawn, 1, content({ section: sport, tags: [tag] }));
      await repository.withdraw(withdrawn, 2);

      const ids = async (filter: { section?: string; tag?: string }) => (await repository.page(filter, 100)).map((item) => item._id).sort();
      expect(await ids({ section: sport })).toEqual([items.sportTagged, items.sportPlain].sort());
      expect(await ids({ tag })).toEqual([items.sportTagged, items.politicsTagged].sort());
      expect(await ids({ section: politics, tag })).toEqual([items.politicsTagged]);
      expect(await repository.count({ section: sport }, 1000)).toBe(2);
      expect(await repository.count({ tag }, 1000)).toBe(2);
      expect(await repository.count({ section: politics, tag }, 1000)).toBe(1);
      expect(await repository.count({ section: aSection() }, 1000)).toBe(0);

      const page = await feed.page({ section: sport, tag }, 10);
      expect(page).toMatchObject({ total: 1, nextCursor: null });
      expect(page.items).toEqual([
        expect.objectContaining({
          id: items.sportTagged,
          section: sport,
          tags: ['football', tag],
          url: expect.stringMatching(/\/v1\/articles\/story-/),
        }),
      ]);
    });
  });

  describe('lookups', () => {
    it('finds a visible article by id and by slug, and neither once it is withdrawn', async () => {
      const [kept, gone] = [randomUUID(), randomUUID()];
      const keptSlug = `kept-${kept}`;
      const goneSlug = `gone-${gone}`;
      await repository.applyVersion(kept, 1, content({ slug: keptSlug, headline: 'Kept' }));
      await repository.applyVersion(gone, 1, content({ slug: goneSlug }));
      await repository.withdraw(gone, 2);

      expect(await repository.findVisible(kept)).toMatchObject({ _id: kept, headline: 'Kept' });
      expect(await repository.findVisible(keptSlug)).toMatchObject({ _id: kept, headline: 'Kept' });
      expect(await repository.findVisible(gone)).toBeNull();
      expect(await repository.findVisible(goneSlug)).toBeNull();
      expect(await repository.findVisible(`no-such-${randomUUID()}`)).toBeNull();
    });

    it('prefers the article whose id it is over one whose slug it is, unless that one is withdrawn', async () => {
      const [byId, bySlug] = [randomUUID(), randomUUID()];
      await repository.applyVersion(bySlug, 1, content({ slug: byId, headline: 'Slug' }));
      await repository.applyVersion(byId, 1, content({ headline: 'Id' }));
      expect(await repository.findVisible(byId)).toMatchObject({ _id: byId, headline: 'Id' });
      await repository.withdraw(byId, 2);
      expect(await repository.findVisible(byId)).toMatchObject({ _id: bySlug, headline: 'Slug' });
    });

    it('finds the visible ones among ids, each once, leaving out missing and withdrawn ones', async () => {
      const [first, second, gone, missing] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
      for (const id of [first, second, gone]) await repository.applyVersion(id, 1, content());
      await repository.withdraw(gone, 2);

      const found = await repository.findVisibleByIds([second, missing, gone, first, second]);
      expect(found.map((item) => item._id).sort()).toEqual([first, second].sort());
      expect(await repository.findVisibleByIds([])).toEqual([]);
      expect(await repository.findVisibleByIds([missing, gone])).toEqual([]);
    });
  });

  describe('topics', () => {
    it('merges the newest articles of each topic into one list, newest first, each once, cut to the limit', async () => {
      const [red, green, blue] = ['red', 'green', 'blue'].map((colour) => `${colour}-${randomUUID().slice(0, 8)}`);
      const hour = (h: number) => new Date(Date.UTC(2024, 2, 5, h));
      // Two articles tie at 8:00; the lower id is red's, so red's list, asked first, brings it first.
      const [lower, higher] = [randomUUID(), randomUUID()].sort();
      const seeded = [
        { topics: [red], publishedAt: hour(9) },
        { topics: [red, green], publishedAt: hour(8), id: lower },
        { topics: [green], publishedAt: hour(8), id: higher },
        { topics: [red, green, blue], publishedAt: hour(7) },
        { topics: [blue], publishedAt: hour(6) },
        { topics: [green], publishedAt: hour(5) },
        { topics: [red], publishedAt: hour(4) },
        { topics: [blue], publishedAt: hour(3) },
      ].map((item) => ({ id: randomUUID(), ...item }));
      for (const item of seeded) await repository.applyVersion(item.id, 1, content({ topics: item.topics, publishedAt: item.publishedAt }));
      const withdrawn = randomUUID();
      await repository.applyVersion(withdrawn, 1, content({ topics: [red, blue], publishedAt: hour(10) }));
      await repository.withdraw(withdrawn, 2);
      // Newest first, ties broken by id, descending: the order of the feed.
      const expected = [...seeded]
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((item) => item.id);

      const ids = async (topics: string[], limit: number) => (await repository.withAnyTopic(topics, limit)).items.map((item) => item._id);
      expect(await ids([red, green, blue], 100)).toEqual(expected);
      // Each topic alone has fewer than 5 matches, but together they have 8: the cut is over the merged list.
      expect(await ids([blue, green, red], 5)).toEqual(expected.slice(0, 5));
      // The tie on the limit's edge: the higher id comes first, as the store sorts.
      expect(await ids([red, green, blue], 2)).toEqual([seeded[0].id, higher]);
      expect(await ids([red, red, blue], 3)).toEqual(
        seeded
          .filter((item) => item.topics.includes(red) || item.topics.includes(blue))
          .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
          .slice(0, 3)
          .map((item) => item.id),
      );
      expect(await ids([], 10)).toEqual([]);
      const none = `none-${randomUUID()}`;
      expect((await repository.withAnyTopic([red, green, blue, none], 100)).frequencies).toEqual(
        new Map([
          [red, 4],
          [green, 4],
          [blue, 3],
          [none, 0],
        ]),
      );
      // Counted up to the limit: past it a topic is simply common.
      expect((await repository.withAnyTopic([red, blue], 3)).frequencies).toEqual(
        new Map([
          [red, 3],
          [blue, 3],
        ]),
      );
    });
  });

  describe('lists read through their periods', () => {
    /** Newest first, ties broken by id, descending: the feed's order. */
    const newestFirst = (items: { id: string; publishedAt: Date }[]) =>
      [...items]
        .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
        .map((item) => item.id);

    async function walk(filter: { section?: string; tag?: string }, limit: number): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await feed.page(filter, limit, cursor);
        seen.push(...page.items.map((item) => item.id));
        if (!page.nextCursor) return seen;
        cursor = page.nextCursor;
      }
      throw new Error('the list did not end');
    }

    it('pages in order across hours, days, months and years, for a busy hour and a quiet tail alike', async () => {
      const section = aSection();
      const at = (iso: string, minutes = 0) => new Date(new Date(iso).getTime() + minutes * 60_000);
      const items = [
        // A busy hour: 40 articles within it.
        ...Array.from({ length: 40 }, (_, i) => ({ id: randomUUID(), publishedAt: at('2025-06-30T23:00:00.000Z', i) })),
        // The same day and the next month's first minute, either side of midnight and of the month.
        { id: randomUUID(), publishedAt: at('2025-06-30T00:00:00.000Z') },
        { id: randomUUID(), publishedAt: at('2025-07-01T00:00:00.000Z') },
        // A quiet tail: one a month over two years, then one from long ago.
        ...Array.from({ length: 24 }, (_, i) => ({ id: randomUUID(), publishedAt: new Date(Date.UTC(2023, i, 15, 12)) })),
        { id: randomUUID(), publishedAt: at('1999-12-31T23:59:59.000Z') },
      ];
      for (const item of items) await repository.applyVersion(item.id, 1, content({ section, publishedAt: item.publishedAt }));
      const expected = newestFirst(items);

      for (const limit of [1, 7, 100]) expect(await walk({ section }, limit)).toEqual(expected);
      // Read again once the list's density is known: it may be read by whole months now, with the same result.
      expect(await walk({ section }, 7)).toEqual(expected);
      expect(await repository.count({ section }, 1000)).toBe(items.length);
      expect(await repository.count({ section }, items.length)).toBe(items.length);
      expect(await repository.count({ section }, items.length - 1)).toBeNull();
      expect((await feed.page({ section }, 5)).total).toBe(items.length);
      // A first page and its count come from one read of the list; the same answer as each on its own.
      const firstFive = await repository.page({ section }, 5);
      expect(await repository.pageAndCount({ section }, 5, 1000)).toEqual({ items: firstFive, total: items.length });
      expect(await repository.pageAndCount({ section }, 5, 10)).toEqual({ items: firstFive, total: null });
      expect(await repository.pageAndCount({ section }, 100, 10)).toEqual({ items: await repository.page({ section }, 100), total: null });
    });

    it('pages a list that publishes over a thousand an hour a few minutes at a time, once it knows', async () => {
      const section = aSection();
      // 1 200 in one hour, one every three seconds.
      const start = new Date('2025-08-10T10:00:00.000Z').getTime();
      const items = Array.from({ length: 1200 }, (_, i) => ({ id: randomUUID(), publishedAt: new Date(start + i * 3000) }));
      for (const item of items) await repository.applyVersion(item.id, 1, content({ section, publishedAt: item.publishedAt }));
      // As a new generation is marked at start-up (the service did it for this empty one too).
      await repository.markMinuteBuckets();
      const expected = newestFirst(items);

      // The store's own log of what is read: which buckets of the list each read asked for.
      const connection = service.app.get<Connection>(getConnectionToken());
      const buckets: string[] = [];
      connection.set('debug', (_collection: string, method: string, query: { listBuckets?: unknown }) => {
        if (method === 'find' && typeof query?.listBuckets === 'string') buckets.push(query.listBuckets);
      });
      try {
        // The first read learns how busy the list is; it goes by hours.
        expect(await walk({ section }, 100)).toEqual(expected);
        buckets.length = 0;
        expect((await feed.page({ section }, 20)).items.map((item) => item.id)).toEqual(expected.slice(0, 20));
        const read = buckets.filter((bucket) => bucket.includes(section));
        expect(read.length).toBeGreaterThan(0);
        // Minutes only (`…T10:59`), the newest few of the hour, not the hour itself.
        expect(read.every((bucket) => /T\d\d:\d\d$/.test(bucket))).toBe(true);
        expect(read.length).toBeLessThanOrEqual(16);
        expect(await walk({ section }, 50)).toEqual(expected);
      } finally {
        connection.set('debug', false);
      }
    });

    it('moves an article between lists when a new version changes its section, tags or time', async () => {
      const [before, after] = [aSection(), aSection()];
      const [oldTag, newTag] = [`tag-${randomUUID()}`, `tag-${randomUUID()}`];
      const id = randomUUID();
      await repository.applyVersion(id, 1, content({ section: before, tags: [oldTag], publishedAt: new Date('2025-01-01T10:00:00.000Z') }));
      await repository.applyVersion(id, 2, content({ section: after, tags: [newTag], publishedAt: new Date('2025-02-01T10:00:00.000Z') }));

      expect(await walk({ section: before }, 10)).toEqual([]);
      expect(await walk({ tag: oldTag }, 10)).toEqual([]);
      expect(await walk({ section: after }, 10)).toEqual([id]);
      expect(await walk({ tag: newTag }, 10)).toEqual([id]);
      const [item] = await repository.page({ section: after }, 1);
      expect(item.publishedAt).toEqual(new Date('2025-02-01T10:00:00.000Z'));
    });

    it('keeps lists apart whatever their names hold', async () => {
      // Without the length in a list's name, this tag would be named as the other's month of May 2025.
      const plain = `t${randomUUID().slice(0, 6)}`;
      const tricky = `${plain}|2025-05`;
      const [a, b] = [randomUUID(), randomUUID()];
      await repository.applyVersion(a, 1, content({ tags: [plain], publishedAt: new Date('2025-05-20T08:00:00.000Z') }));
      await repository.applyVersion(b, 1, content({ tags: [tricky], publishedAt: new Date('2025-05-20T08:00:00.000Z') }));
      expect(await walk({ tag: plain }, 10)).toEqual([a]);
      expect(await walk({ tag: tricky }, 10)).toEqual([b]);
    });

    it('lists a section while it has a visible article, and not once its last one is withdrawn', async () => {
      const section = aSection();
      const id = randomUUID();
      await repository.applyVersion(id, 1, content({ section }));
      expect(await feed.sections()).toContain(section);
      await repository.withdraw(id, 2);
      expect(await feed.sections()).not.toContain(section);
    });

    it('gives list buckets to items an earlier release stored without them, once per generation', async () => {
      const generations = service.app.get(ProjectionGenerations);
      const generation = 900_000 + Math.floor(Math.random() * 99_999);
      await generations.ensureCollections(generation);
      try {
        const items = repository.in(generation);
        const section = aSection();
        const legacy = { id: randomUUID(), publishedAt: new Date('2024-08-01T09:00:00.000Z') };
        const current = { id: randomUUID(), publishedAt: new Date('2024-08-02T09:00:00.000Z') };
        await items.applyVersion(current.id, 1, content({ section, publishedAt: current.publishedAt }));
        // As an earlier release stored it: no list buckets, and no nodes leading to it.
        await generations.model(FEED_ITEMS, generation).collection.insertOne({
          ...content({ section, publishedAt: legacy.publishedAt }),
          _id: legacy.id,
          version: 1,
          withdrawn: false,
          tags: [],
          topics: [],
          projectedAt: new Date(),
        } as never);
        const ids = async () => (await items.page({ section }, 10)).map((item) => item._id);
        expect(await ids()).toEqual([current.id]);

        expect(await items.backfillListBuckets()).toBe(1);
        expect(await ids()).toEqual([current.id, legacy.id]);
        // Done once: the generation is marked.
        expect(await items.backfillListBuckets()).toBe(0);
      } finally {
        await generations.dropCollections(generation);
      }
    });
  });
});

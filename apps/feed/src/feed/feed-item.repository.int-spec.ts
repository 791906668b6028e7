import { ServiceConfigModule } from '@frontpage/config';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, PlatformModule, StoreModule } from '@frontpage/platform';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../feed.config';
import { FeedItemContent, FeedItemRepository } from './feed-item.repository';
import { FeedModule } from './feed.module';
import { FeedService } from './feed.service';

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
      expect(await repository.count({ section })).toBe(1);
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
      expect(await repository.count({ section })).toBe(2);

      expect(await repository.withdraw(id, 2)).toBe(true);
      expect(await idsOf(section)).toEqual([kept]);
      expect(await repository.count({ section })).toBe(1);

      expect(await repository.applyVersion(id, 1, content({ section }))).toBe(false);
      expect(await repository.applyVersion(id, 2, content({ section }))).toBe(false);
      expect(await repository.withdraw(id, 2)).toBe(false);
      expect(await idsOf(section)).toEqual([kept]);
      expect(await repository.count({ section })).toBe(1);
      expect((await feed.page({ section }, 10)).items.map((item) => item.id)).toEqual([kept]);
    });

    it('keeps a tombstone for a withdrawal that arrives before any snapshot', async () => {
      const id = randomUUID();
      const section = aSection();
      expect(await repository.withdraw(id, 2)).toBe(true);
      expect(await repository.applyVersion(id, 1, content({ section }))).toBe(false);
      expect(await repository.count({ section })).toBe(0);
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
      const totals: number[] = [];
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
      expect(await repository.count({ section: sport })).toBe(2);
      expect(await repository.count({ tag })).toBe(2);
      expect(await repository.count({ section: politics, tag })).toBe(1);
      expect(await repository.count({ section: aSection() })).toBe(0);

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
});

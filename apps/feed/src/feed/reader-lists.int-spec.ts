import { ServiceConfigModule } from '@frontpage/config';
import { ArticleSnapshotData } from '@frontpage/contracts';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../feed.config';
import { FeedModule } from './feed.module';
import { FeedService } from './feed.service';
import { RelatedService } from './related.service';
import { SearchService } from './search.service';
import { POSTINGS_PER_PLACE, SearchTermRepository } from './search-term.repository';
import { ProjectionGenerations, SEARCH_TERMS } from './projection/projection-generations';
import { TERM_WEIGHTS } from './text/search-index';

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

function snapshot(overrides: Partial<ArticleSnapshotData> = {}): ArticleSnapshotData {
  const id = overrides.id ?? randomUUID();
  return {
    id,
    slug: `story-${id.slice(0, 8)}`,
    version: 1,
    source: 'wire',
    sourceId: id,
    headline: `Headline ${id.slice(0, 8)}`,
    body: `Body of story ${id}.`,
    section: 'world',
    tags: [],
    publishedAt: hoursAgo(1),
    updatedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('reader lists against the store: search, related, most commented', () => {
  let service: TestApp;
  let feed: FeedService;
  let search: SearchService;
  let terms: SearchTermRepository;
  let related: RelatedService;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'feed-lists',
      imports: () => [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), FeedModule],
    });
    feed = service.app.get(FeedService);
    search = service.app.get(SearchService);
    terms = service.app.get(SearchTermRepository);
    // As the service does at its first start on an empty store: postings are read through their lists.
    expect(await terms.markBucketed(true)).toBe(true);
    related = service.app.get(RelatedService);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  }, 30_000);

  describe('search', () => {
    describe('reading the newest postings of each term in each place', () => {
      const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);
      const index = (articleId: string, publishedAt: Date, weights: [string, number][]) =>
        terms.replace(articleId, 1, publishedAt, new Map(weights));

      it('ranks a headline match first however many newer body matches there are, and says "many" past the bound', async () => {
        const word = `quokka${randomUUID().slice(0, 6)}`;
        const headline = randomUUID();
        await index(headline, minutesAgo(60 * 24 * 400), [[word, TERM_WEIGHTS.headline]]);
        const bodies = Array.from({ length: POSTINGS_PER_PLACE + 5 }, (_, i) => ({ id: randomUUID(), at: minutesAgo(i) }));
        for (const body of bodies) await index(body.id, body.at, [[word, TERM_WEIGHTS.body]]);

        const { hits, total } = await terms.search([word], 4);
        expect(total).toBeNull();
        expect(hits.map((hit) => hit.articleId)).toEqual([headline, ...bodies.slice(0, 3).map((body) => body.id)]);
        // The oldest body matches are past the newest 200 of that place: not read.
        const all = await terms.search([word], 1000);
        expect(all.hits).toHaveLength(POSTINGS_PER_PLACE + 1);
        expect(all.hits.map((hit) => hit.articleId)).not.toContain(bodies[bodies.length - 1].id);
      });

      it('counts exactly when every list was read to its end, and sums a matching article over its terms', async () => {
        const [a, b] = [`wombat${randomUUID().slice(0, 6)}`, `numbat${randomUUID().slice(0, 6)}`];
        const [both, onlyA, onlyB] = [randomUUID(), randomUUID(), randomUUID()];
        await index(both, minutesAgo(60 * 24 * 90), [
          [a, TERM_WEIGHTS.teaser],
          [b, TERM_WEIGHTS.body],
        ]);
        await index(onlyA, minutesAgo(10), [[a, TERM_WEIGHTS.teaser]]);
        await index(onlyB, minutesAgo(60 * 24 * 800), [[b, TERM_WEIGHTS.headline]]);

        const { hits, total } = await terms.search([a, b], 10);
        expect(total).toBe(3);
        expect(hits).toEqual([
          expect.objectContaining({ articleId: onlyB, score: TERM_WEIGHTS.headline }),
          expect.objectContaining({ articleId: both, score: TERM_WEIGHTS.teaser + TERM_WEIGHTS.body }),
          expect.objectContaining({ articleId: onlyA, score: TERM_WEIGHTS.teaser }),
        ]);
      });

      it('searches a generation indexed before postings had buckets the old way, every posting of each term', async () => {
        const generations = service.app.get(ProjectionGenerations);
        const generation = 900_000 + Math.floor(Math.random() * 99_999);
        await generations.ensureCollections(generation);
        try {
          const legacy = terms.in(generation);
          const word = `bilby${randomUUID().slice(0, 6)}`;
          const ids = Array.from({ length: 3 }, () => randomUUID());
          for (const [i, id] of ids.entries()) await legacy.replace(id, 1, minutesAgo(i), new Map([[word, TERM_WEIGHTS.body]]));
          // Written as an earlier release wrote them: no buckets.
          await generations.model(SEARCH_TERMS, generation).updateMany({}, { $unset: { listBuckets: 1 } });
          expect(await legacy.search([word], 10)).toEqual({
            hits: ids.map((articleId) => expect.objectContaining({ articleId })),
            total: 3,
          });
          expect(await legacy.markBucketed(true)).toBe(false);
        } finally {
          await generations.dropCollections(generation);
        }
      });
    });

    const word = `zanzibarite${randomUUID().slice(0, 6)}`;
    const inHeadline = snapshot({ headline: `Ferry ${word} sails again`, publishedAt: hoursAgo(30) });
    const inBodyNewer = snapshot({ body: `Opening line. Later the ${word} was mentioned in passing.`, publishedAt: hoursAgo(1) });
    const inBodyOlder = snapshot({ body: `Opening line. Much later, ${word}s appear.`, publishedAt: hoursAgo(5) });

    beforeAll(async () => {
      for (const article of [inBodyNewer, inHeadline, inBodyOlder]) await feed.applySnapshot(article);
    });

    it('ranks headline matches first, then body matches newest first, and stems the query', async () => {
      const page = await search.search(`the ${word.toUpperCase()}S`, 10);
      expect(page.items.map((item) => item.id)).toEqual([inHeadline.id, inBodyNewer.id, inBodyOlder.id]);
      expect(page.total).toBe(3);
    });

    it('pages with a cursor without repeats', async () => {
      const first = await search.search(word, 2);
      expect(first.items).toHaveLength(2);
      const second = await search.search(word, 2, first.nextCursor!);
      expect([...first.items, ...second.items].map((item) => item.id)).toEqual([inHeadline.id, inBodyNewer.id, inBodyOlder.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('forgets an article once withdrawn, and follows its newer version', async () => {
      const other = `quillwort${randomUUID().slice(0, 6)}`;
      const article = snapshot({ headline: `${other} found` });
      await feed.applySnapshot(article);
      await feed.applySnapshot(article); // redelivered: indexed once
      expect((await search.search(other, 10)).total).toBe(1);
      await feed.applySnapshot({ ...article, version: 2, headline: 'Nothing to see' });
      expect((await search.search(other, 10)).total).toBe(0);
      expect((await search.search('nothing see', 10)).items.map((item) => item.id)).toContain(article.id);
      await feed.applyWithdrawal({ id: article.id, version: 3, withdrawnAt: new Date().toISOString() });
      await feed.applySnapshot({ ...article, version: 2, headline: `${other} again` });
      expect((await search.search(other, 10)).total).toBe(0);
    });

    it('finds nothing for a query of stop words', async () => {
      expect(await search.search('the and of', 10)).toMatchObject({ items: [], total: 0, terms: [] });
    });
  });

  describe('related', () => {
    const tag = `rare-${randomUUID().slice(0, 6)}`;
    const section = `section-${randomUUID().slice(0, 6)}`;
    const source = snapshot({ section, tags: [tag, 'common'], headline: 'Storm floods the harbour district' });
    const close = snapshot({ section, tags: [tag], headline: 'Insurers count the storm cost' });
    const duplicate = snapshot({ section, tags: [tag], headline: 'STORM floods the harbour district!' });
    const withdrawn = snapshot({ section, tags: [tag], headline: 'Withdrawn story about the storm' });
    const sectionOnly = snapshot({ section, tags: [], headline: 'Council meets on budget', publishedAt: hoursAgo(2) });

    beforeAll(async () => {
      for (const article of [source, close, duplicate, withdrawn, sectionOnly]) await feed.applySnapshot(article);
      await feed.applyWithdrawal({ id: withdrawn.id, version: 2, withdrawnAt: new Date().toISOString() });
    });

    it('offers stories sharing topics, never itself, a near-duplicate or a withdrawn one, then the section latest', async () => {
      const list = await related.related(source.slug, 4);
      const ids = list.items.map((item) => item.id);
      expect(ids[0]).toBe(close.id);
      expect(ids).toContain(sectionOnly.id);
      expect(ids).not.toContain(source.id);
      expect(ids).not.toContain(duplicate.id);
      expect(ids).not.toContain(withdrawn.id);
    });

    it('answers 404 for an unknown article', async () => {
      await expect(related.related('no-such-slug', 4)).rejects.toMatchObject({ code: 'ARTICLE.NOT_FOUND' });
    });
  });

  describe('most commented', () => {
    it('counts comments within the window and leaves withdrawn articles out', async () => {
      const [busy, quiet, gone] = [snapshot(), snapshot(), snapshot()];
      for (const article of [busy, quiet, gone]) await feed.applySnapshot(article);
      const comment = (articleId: string, at: Date) => feed.applyCommentVisibility(randomUUID(), articleId, 1, true, at);
      for (let i = 0; i < 3; i++) await comment(busy.id, new Date());
      await comment(quiet.id, new Date());
      await comment(quiet.id, new Date(Date.now() - 48 * 3_600_000)); // outside the window
      for (let i = 0; i < 5; i++) await comment(gone.id, new Date());
      await feed.applyWithdrawal({ id: gone.id, version: 2, withdrawnAt: new Date().toISOString() });

      const list = await feed.mostCommented(100);
      expect(list.windowHours).toBe(24);
      const ids = list.items.map((item) => item.id);
      expect(ids).not.toContain(gone.id);
      expect(ids.indexOf(busy.id)).toBeLessThan(ids.indexOf(quiet.id));
      expect(list.items.find((item) => item.id === quiet.id)).toMatchObject({ recentComments: 1, commentCount: 2 });
    });
  });

  describe('latest lists', () => {
    it('moves an updated article only when its publish time changed', async () => {
      const section = `section-${randomUUID().slice(0, 6)}`;
      const older = snapshot({ section, publishedAt: hoursAgo(3) });
      const newer = snapshot({ section, publishedAt: hoursAgo(2) });
      await feed.applySnapshot(older);
      await feed.applySnapshot(newer);
      const order = async () => (await feed.page({ section }, 10)).items.map((item) => item.id);
      expect(await order()).toEqual([newer.id, older.id]);
      await feed.applySnapshot({ ...older, version: 2, headline: 'Corrected headline' });
      expect(await order()).toEqual([newer.id, older.id]);
      await feed.applySnapshot({ ...older, version: 3, publishedAt: hoursAgo(1) });
      expect(await order()).toEqual([older.id, newer.id]);
    });

    it('lists sections that have visible articles', async () => {
      const section = `section-${randomUUID().slice(0, 6)}`;
      await feed.applySnapshot(snapshot({ section }));
      expect(await feed.sections()).toContain(section);
    });
  });
});

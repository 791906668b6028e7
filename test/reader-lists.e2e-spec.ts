import { Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, TestSystem } from '@frontpage/testing';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

interface Item {
  id: string;
  slug: string;
  headline: string;
  section: string | null;
  tags: string[];
  commentCount: number;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
}
interface ArticlePage {
  article: { id: string; headline: string };
  latest: Item[] | null;
  related: Item[] | null;
  comments: unknown;
  warnings: { part: string; code: string }[];
}

jest.setTimeout(30_000);

const run = randomUUID().slice(0, 6);
const section = `world${run}`;
const tag = `floods${run}`;
const word = `kelpwood${run}`;

describe('reader lists through the gateway (five services as processes)', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();
  const ids: Record<string, string> = {};
  const slugs: Record<string, string> = {};

  const gateway = () => system.url('gateway');
  const list = async (path: string) => (await getJson<Page>(`${gateway()}${path}`)).body;

  /** An article straight onto news.articles.v1, as the article service would publish it. */
  function publish(type: 'ArticlePublished' | 'ArticleWithdrawn', data: Record<string, unknown>) {
    const id = data.id as string;
    return probe.send(system.topic(Topics.NewsArticles), {
      key: id,
      value: JSON.stringify(data),
      headers: {
        ce_specversion: '1.0',
        ce_id: `${id}:v${String(data.version)}`,
        ce_type: type,
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
      },
    });
  }
  const snapshot = (id: string, headline: string, body: string, extra: Record<string, unknown> = {}) => ({
    id,
    slug: `direct-${id.slice(0, 8)}`,
    version: 1,
    source: 'wire',
    sourceId: id,
    headline,
    body,
    section,
    tags: [tag],
    publishedAt: new Date(Date.now() - 60_000).toISOString(),
    updatedAt: new Date().toISOString(),
    ...extra,
  });

  beforeAll(async () => {
    system = await TestSystem.start('reader', undefined, { LIST_CACHE_TTL_MS: '0', ARTICLE_PAGE_CACHE_TTL_MS: '0' });
    // The article page needs the article service, so this one goes the whole way from ingest.
    ids.page = (await submit(system.url('ingest'), anArticle({ headline: `Flood defences tested ${run}`, section, tags: [tag] }))).body.id;
    for (const name of ['main', 'bodyOnly', 'other', 'duplicate', 'withdrawn', 'related']) ids[name] = randomUUID();
    await publish(
      'ArticlePublished',
      snapshot(ids.main, `Storm floods the ${word} harbour`, 'Waves broke over the sea wall.', { tags: [tag, 'weather'] }),
    );
    await publish(
      'ArticlePublished',
      snapshot(ids.bodyOnly, `Council meets ${run}`, `The council discussed the ${word} budget at length.`, { tags: [] }),
    );
    await publish(
      'ArticlePublished',
      snapshot(ids.other, `Markets rally ${run}`, 'Shares rose.', { section: `business${run}`, tags: ['markets'] }),
    );
    await publish('ArticlePublished', snapshot(ids.duplicate, `STORM floods the ${word} harbour!`, 'A copy filed again.'));
    await publish('ArticlePublished', snapshot(ids.withdrawn, `Withdrawn flood story ${run}`, 'To be withdrawn.'));
    await publish(
      'ArticlePublished',
      snapshot(ids.related, `Insurers count the flood cost ${run}`, 'Claims pile up.', { tags: [tag, 'weather'] }),
    );
    await publish('ArticleWithdrawn', { id: ids.withdrawn, version: 2, withdrawnAt: new Date().toISOString() });
    await eventually(async () => {
      const page = await list(`/v1/sections/${section}?limit=100`);
      for (const name of ['main', 'bodyOnly', 'duplicate', 'related']) {
        const item = page.items.find((entry) => entry.id === ids[name]);
        if (!item) throw new Error(`${name} not listed yet`);
        slugs[name] = item.slug;
      }
      expect(page.items.map((item) => item.id)).not.toContain(ids.withdrawn);
    });
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  it('lists by section and by tag, with totals and cursors, without withdrawn articles', async () => {
    const bySection = await list(`/v1/sections/${section}?limit=2`);
    expect(bySection.total).toBeGreaterThanOrEqual(4);
    expect(bySection.items).toHaveLength(2);
    const rest = await list(`/v1/sections/${section}?limit=2&cursor=${bySection.nextCursor}`);
    expect(rest.items.map((item) => item.id)).not.toContain(bySection.items[0].id);
    const byTag = await list(`/v1/tags/${tag}`);
    expect(byTag.items.map((item) => item.id)).toEqual(expect.arrayContaining([ids.main, ids.duplicate, ids.related]));
    expect(byTag.items.map((item) => item.id)).not.toContain(ids.withdrawn);
    expect((await list('/v1/feed?limit=100')).items.map((item) => item.id)).toEqual(expect.arrayContaining([ids.main, ids.other]));
    const sections = (await getJson<{ sections: string[] }>(`${gateway()}/v1/sections`)).body.sections;
    expect(sections).toEqual(expect.arrayContaining([section, `business${run}`]));
  });

  it('searches with stemming, headline matches first', async () => {
    const { body } = await getJson<Page & { terms: string[] }>(`${gateway()}/v1/search?q=${word}s`);
    expect(body.items.map((item) => item.id).slice(-1)).toEqual([ids.bodyOnly]);
    expect(body.items.map((item) => item.id)).toEqual(expect.arrayContaining([ids.main, ids.duplicate]));
    expect(body.total).toBe(3);
    expect((await getJson(`${gateway()}/v1/search?q=`)).status).toBe(400);
  });

  it('offers related stories: never itself, a near-duplicate or a withdrawn one, then the section latest', async () => {
    const { body } = await getJson<{ items: Item[] }>(`${gateway()}/v1/articles/${slugs.main}/related`);
    const related = body.items.map((item) => item.id);
    expect(related[0]).toBe(ids.related);
    expect(related).toContain(ids.bodyOnly); // the section's latest fills the list
    expect(related).not.toContain(ids.main);
    expect(related).not.toContain(ids.duplicate);
    expect(related).not.toContain(ids.withdrawn);
  });

  it('composes the article page with related and latest stories', async () => {
    slugs.page = await eventually(async () => {
      const item = (await list(`/v1/sections/${section}?limit=100`)).items.find((entry) => entry.id === ids.page);
      if (!item) throw new Error('the ingested article is not listed yet');
      return item.slug;
    });
    const page = (await getJson<ArticlePage>(`${gateway()}/v1/articles/${slugs.page}`)).body;
    expect(page.article.id).toBe(ids.page);
    const related = page.related!.map((item) => item.id);
    expect(related).toContain(ids.related);
    // The storm story and its re-filed copy are both related, but only one of the two is offered.
    expect(related.filter((id) => id === ids.main || id === ids.duplicate)).toHaveLength(1);
    expect(page.related!.map((item) => item.id)).not.toContain(ids.page);
    expect(page.latest!.length).toBeGreaterThan(0);
    expect(page.warnings).toEqual([]);
  });

  it('ranks the most commented of the last 24 hours', async () => {
    for (const [articleId, count] of [
      [ids.related, 2],
      [ids.duplicate, 1],
    ] as const) {
      for (let i = 0; i < count; i++) {
        const commentId = randomUUID();
        await probe.send(system.topic(Topics.NewsComments), {
          key: articleId,
          value: JSON.stringify({
            commentId,
            articleId,
            articleSlug: `direct-${articleId.slice(0, 8)}`,
            revision: 1,
            authorName: 'Reader',
            body: 'A comment',
            featured: false,
            submittedAt: new Date().toISOString(),
            publishedAt: new Date().toISOString(),
          }),
          headers: {
            ce_specversion: '1.0',
            ce_id: `${commentId}:1`,
            ce_type: 'CommentPublished',
            ce_source: '/tests',
            ce_time: new Date().toISOString(),
          },
        });
      }
    }
    await eventually(async () => {
      const { body } = await getJson<{ windowHours: number; items: (Item & { recentComments: number })[] }>(
        `${gateway()}/v1/most-commented`,
      );
      expect(body.windowHours).toBe(24);
      expect(body.items.slice(0, 2).map((item) => [item.id, item.recentComments])).toEqual([
        [ids.related, 2],
        [ids.duplicate, 1],
      ]);
    });
  });

  it('answers 304 to a matching If-None-Match, and sets Cache-Control per route', async () => {
    for (const path of ['/v1/feed', `/v1/sections/${section}`, `/v1/articles/${slugs.page}`, '/feed.xml', '/', `/articles/${slugs.page}`]) {
      const first = await fetch(`${gateway()}${path}`);
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(first.headers.get('cache-control')).toMatch(/max-age=\d+/);
      const again = await fetch(`${gateway()}${path}`, { headers: { 'if-none-match': etag! } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
    }
    const changed = await fetch(`${gateway()}/v1/feed`, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
  });

  it('serves valid RSS 2.0 and JSON Feed 1.1, for the site and per section', async () => {
    for (const path of ['/feed.xml', `/sections/${section}/feed.xml`]) {
      const response = await fetch(`${gateway()}${path}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/rss\+xml/);
      const xml = await response.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const rss = new XMLParser({ ignoreAttributes: false }).parse(xml).rss;
      expect(rss['@_version']).toBe('2.0');
      const items = [rss.channel.item].flat();
      expect(items.map((item: { guid: { '#text': string } }) => item.guid['#text'])).toContain(ids.main);
      for (const item of items)
        expect(item).toEqual(expect.objectContaining({ title: expect.any(String), link: expect.stringMatching(/\/articles\//) }));
    }
    for (const path of ['/feed.json', `/sections/${section}/feed.json`]) {
      const response = await fetch(`${gateway()}${path}`);
      expect(response.headers.get('content-type')).toMatch(/^application\/feed\+json/);
      const feed = (await response.json()) as { version: string; title: string; items: Record<string, unknown>[] };
      expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
      expect(feed.title).toEqual(expect.any(String));
      for (const item of feed.items) {
        expect(item.id).toEqual(expect.any(String));
        expect(typeof item.content_text === 'string' || typeof item.content_html === 'string').toBe(true);
      }
      expect(feed.items.map((item) => item.id)).toContain(ids.main);
    }
  });

  it('documents every JSON route in the OpenAPI document', async () => {
    const { status, body } = await getJson<{ openapi: string; paths: Record<string, unknown> }>(`${gateway()}/docs-json`);
    expect(status).toBe(200);
    expect(body.openapi).toMatch(/^3\./);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/feed',
        '/v1/sections',
        '/v1/sections/{section}',
        '/v1/tags/{tag}',
        '/v1/search',
        '/v1/most-commented',
        '/v1/articles/{slug}',
        '/v1/articles/{slug}/comments',
        '/feed.xml',
        '/feed.json',
        '/',
      ]),
    );
    expect((await fetch(`${gateway()}/docs`)).status).toBe(200);
  });

  it('still serves the article page with comments null and a warning when the comment service is down', async () => {
    await system.service('comment').stop('SIGTERM');
    const response = await getJson<ArticlePage>(`${gateway()}/v1/articles/${slugs.page}`);
    expect(response.status).toBe(200);
    expect(response.body.article.id).toBe(ids.page);
    expect(response.body.comments).toBeNull();
    expect(response.body.warnings).toEqual([expect.objectContaining({ part: 'comments', code: 'UPSTREAM.UNAVAILABLE' })]);
    const html = await fetch(`${gateway()}/articles/${slugs.page}`);
    expect(html.status).toBe(200);
    expect(await html.text()).toContain('Comments cannot be shown right now');
  });

  it('serves the last good lists when the feed service is down', async () => {
    await system.service('feed').stop('SIGTERM');
    const page = await getJson<Page>(`${gateway()}/v1/sections/${section}?limit=2`);
    expect(page.status).toBe(200);
    expect(page.body.total).toBeGreaterThanOrEqual(4);
    const article = await getJson<ArticlePage>(`${gateway()}/v1/articles/${slugs.page}`);
    expect(article.status).toBe(200);
  });
});

import { ARTICLE_LIMITS, Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, TestSystem } from '@frontpage/testing';
import { randomBytes, randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

interface FeedPage {
  items: { id: string; slug: string; headline: string; teaser: string; dateline: string | null; url: string }[];
  nextCursor: string | null;
  total: number;
}

interface ArticlePage {
  article: { id: string; slug: string; version: number; headline: string; body: string };
  latest: { id: string }[] | null;
  warnings: unknown[];
}

describe('an article from ingest to reader (five services as processes)', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    system = await TestSystem.start('flow');
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  const gateway = () => system.url('gateway');
  const ingest = () => system.url('ingest');
  const feedItem = async (id: string) => {
    const page = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
    return page.body.items.find((item) => item.id === id);
  };

  it('shows a submitted article in the gateway feed and on its article page', async () => {
    const article = anArticle();
    const accepted = await submit(ingest(), article);
    expect(accepted.status).toBe(202);
    expect(accepted.body.id).toMatch(/^[0-9a-f-]{36}$/);

    const item = await eventually(async () => {
      const found = await feedItem(accepted.body.id);
      if (!found) throw new Error('not in the feed yet');
      return found;
    });
    expect(item.headline).toBe(article.headline);
    expect(item.dateline).toBe('New Delhi, Sept 29-');
    expect(item.teaser.startsWith('According to data updated on Thursday')).toBe(true);
    expect(item.url).toBe(`${gateway()}/v1/articles/${item.slug}`);

    const page = await getJson<ArticlePage>(`${gateway()}/v1/articles/${item.slug}`);
    expect(page.status).toBe(200);
    expect(page.body.article).toMatchObject({ id: accepted.body.id, version: 1, headline: article.headline, body: article.body });
    expect(page.body.latest).toEqual(expect.any(Array));
    expect(page.body.latest!.map((latest) => latest.id)).not.toContain(accepted.body.id);
    expect(page.body.warnings).toEqual([]);
  });

  it('refuses requests without a key (401), with a bad body (400 per field) and for another source (403)', async () => {
    const noKey = await fetch(`${ingest()}/v1/articles`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(noKey.status).toBe(401);
    expect(await submit(ingest(), anArticle(), 'not-a-real-key').then((r) => r.status)).toBe(401);

    const invalid = await submit(ingest(), { headline: '', body: 42, source: 'wire', sourceId: 'x', colour: 'red' });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body as unknown as { error: { code: string; fields: { field: string }[] } }).error;
    expect(fields.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(fields.fields.map((f) => f.field).sort()).toEqual(['body', 'colour', 'headline']);

    const malformed = await fetch(`${ingest()}/v1/articles`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-ingest-key-0001' },
      body: '{"headline": ',
    });
    expect(malformed.status).toBe(400);

    expect((await submit(ingest(), anArticle({ source: 'someone-else' }))).status).toBe(403);
  });

  it('answers 404 with a JSON error for an unknown slug', async () => {
    const response = await getJson<{ error: { code: string } }>(`${gateway()}/v1/articles/no-such-story-${randomUUID()}`);
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('ARTICLE.NOT_FOUND');
  });

  it('replaces an article with its new version, and ignores an identical resubmission and a late older revision', async () => {
    const original = anArticle({ updatedAt: '2026-01-01T10:00:00Z' });
    const { body } = await submit(ingest(), original);
    const first = await eventually(async () => (await feedItem(body.id)) ?? Promise.reject(new Error('not yet')));

    await submit(ingest(), { ...original, updatedAt: '2026-01-01T10:00:00Z' }); // identical
    await submit(ingest(), { ...original, headline: `${original.headline} (corrected)`, updatedAt: '2026-01-01T11:00:00Z' });
    await submit(ingest(), { ...original, headline: `${original.headline} (stale draft)`, updatedAt: '2026-01-01T09:00:00Z' });

    const page = await eventually(async () => {
      const result = await getJson<ArticlePage>(`${gateway()}/v1/articles/${first.slug}`);
      expect(result.body.article.headline).toBe(`${original.headline} (corrected)`);
      return result;
    });
    expect(page.body.article.version).toBe(2);
    // The slug is the article's address: it stays put when the headline changes.
    expect(page.body.article.slug).toBe(first.slug);

    // The article service reports each decision; wait until it has seen all four submissions.
    const outcomes = await eventually(() => {
      const decisions = system
        .service('article')
        .logLines()
        .filter((line) => line.articleId === body.id && String(line.msg).startsWith('submission '))
        .map((line) => line.msg);
      expect(decisions).toHaveLength(4);
      return decisions;
    });
    expect(outcomes).toEqual(['submission created', 'submission unchanged', 'submission updated', 'submission stale']);
    const settled = await getJson<ArticlePage>(`${gateway()}/v1/articles/${first.slug}`);
    expect(settled.body.article).toMatchObject({ version: 2, headline: `${original.headline} (corrected)` });
    const feed = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
    expect(feed.body.items.filter((item) => item.id === body.id)).toHaveLength(1);
  });

  it('keeps exactly one feed item at the newest version when an event is redelivered or an older one arrives late', async () => {
    const id = randomUUID();
    const snapshot = (version: number, headline: string) => ({
      id,
      slug: `replayed-story-${id.slice(0, 8)}`,
      version,
      source: 'wire',
      sourceId: id,
      headline,
      body: 'Replayed body text.',
      tags: [],
      publishedAt: '2026-02-01T08:00:00.000Z',
      updatedAt: new Date().toISOString(),
    });
    const headers = (type: string, version: number) => ({
      ce_specversion: '1.0',
      ce_id: `${id}:v${version}`,
      ce_type: type,
      ce_source: '/tests',
      ce_time: new Date().toISOString(),
      'content-type': 'application/json',
    });
    const topic = system.topic(Topics.NewsArticles);
    const v1 = { key: id, value: JSON.stringify(snapshot(1, 'First headline')), headers: headers('ArticlePublished', 1) };
    const v2 = { key: id, value: JSON.stringify(snapshot(2, 'Second headline')), headers: headers('ArticleUpdated', 2) };
    await probe.send(topic, v2);
    await probe.send(topic, v2); // delivered twice
    await probe.send(topic, v1); // older, late
    // Wait until the feed service has handled all three deliveries, then look.
    await eventually(() => {
      const handled = system
        .service('feed')
        .logLines()
        .filter((line) => line.articleId === id);
      expect(handled.map((line) => line.msg)).toEqual(['feed item projected', 'feed item already newer', 'feed item already newer']);
    });
    await eventually(async () => {
      const page = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      const copies = page.body.items.filter((item) => item.id === id);
      expect(copies).toHaveLength(1);
      expect(copies[0].headline).toBe('Second headline');
    });
  });

  it('moves a malformed message on ingest.articles.v1 to its dead-letter topic and processes the next one', async () => {
    const deadLetters = await probe.collect(system.topic(`${Topics.IngestArticles}.dlq`));
    const poisonKey = randomUUID();
    await probe.send(system.topic(Topics.IngestArticles), {
      key: poisonKey,
      value: '{"this is": not json',
      headers: {
        ce_specversion: '1.0',
        ce_id: poisonKey,
        ce_type: 'ArticleSubmitted',
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
        'x-origin': 'poison-test',
      },
    });
    const next = await submit(ingest(), anArticle());
    expect(next.status).toBe(202);

    await eventually(async () => (await feedItem(next.body.id)) ?? Promise.reject(new Error('next article not in feed')));
    const dead = await eventually(() => {
      const found = deadLetters.find((message) => message.key === poisonKey);
      if (!found) throw new Error('poison not dead-lettered yet');
      return found;
    });
    expect(dead.value).toBe('{"this is": not json');
    expect(dead.headers['x-origin']).toBe('poison-test');
    expect(dead.headers.ce_id).toBe(poisonKey);
    expect(dead.headers.dlq_error_code).toBe('MESSAGE.UNREADABLE');
    expect(dead.headers.dlq_original_topic).toBe(Topics.IngestArticles);
    expect(dead.headers.dlq_error).toMatch(/not JSON/);
  });

  it('lists an article with as many tags as a source may send, each as long as allowed, in the feed and under each tag', async () => {
    // 50 tags of 64 characters that do not compress: the feed item's list keys come to ~15 kB, which a
    // btree index on the local store refused as one entry (see libs/platform/src/store/store-indexes.int-spec.ts).
    const tags = Array.from({ length: ARTICLE_LIMITS.tags }, (_, i) =>
      `${String(i).padStart(2, '0')}-${randomBytes(40).toString('hex')}`.slice(0, ARTICLE_LIMITS.tag),
    );
    const accepted = await submit(ingest(), anArticle({ tags }));
    expect(accepted.status).toBe(202);

    await eventually(async () => {
      if (!(await feedItem(accepted.body.id))) throw new Error('not in the feed yet');
    });
    for (const tag of [tags[0], tags[tags.length - 1]]) {
      const page = await getJson<FeedPage>(`${gateway()}/v1/tags/${tag}`);
      expect(page.body.items.map((item) => item.id)).toEqual([accepted.body.id]);
    }
  });

  it('pages through the feed with a cursor, newest first, without repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await submit(ingest(), anArticle({ publishedAt: new Date(Date.UTC(2030, 0, 1, 12, i)).toISOString() }));
      ids.push(body.id);
    }
    await eventually(async () => {
      for (const id of ids) if (!(await feedItem(id))) throw new Error(`${id} not yet`);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: { body: FeedPage } = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=2${query}`);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((item) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    // The five future-dated articles are the newest of all, in reverse order of publication.
    expect(seen.slice(0, 5)).toEqual([...ids].reverse());
    const bad = await getJson<{ error: { code: string } }>(`${gateway()}/v1/feed?limit=500`);
    expect(bad.status).toBe(400);
  });
});

import { articleIdFor, Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, postJson, TEST_INGEST_KEY, TEST_SOURCE, TestSystem } from '@frontpage/testing';
import { JSDOM } from 'jsdom';
import { randomUUID } from 'node:crypto';
import Parser from 'rss-parser';
import { listDeadLetters } from '../scripts/dlq/dead-letters';
import { randomProse, SeededRandom } from '../scripts/chaos/random';
import { anArticle, submit } from './articles.fixture';
import { markerCounts, MARKERS } from './hostile/active-markup';
import { HOSTILE_STRINGS } from './hostile/hostile-strings';

jest.setTimeout(240_000);

const MODERATOR = { authorization: 'Bearer dev-moderator-token' };
const random = new SeededRandom(2024);
const prose = (words = 30) => randomProse(random, words);
const commentTarget = anArticle({ body: [prose(60), prose(60)].join('\n\n') });

describe('hostile input: stored, returned and served inert; poison dead-lettered while consumers go on', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();
  let targetSlug = '';
  let nextAddress = 1;
  const gateway = () => system.url('gateway');

  async function page(path: string): Promise<{ status: number; type: string; text: string }> {
    const response = await fetch(`${gateway()}${path}`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  beforeAll(async () => {
    system = await TestSystem.start('hostile', undefined, {
      COMMENT_RATE_LIMIT_BURST: '100000',
      COMMENT_RATE_LIMIT_PER_MINUTE: '100000',
      COMMENT_POST_MODERATED_ARTICLES: articleIdFor(TEST_SOURCE, commentTarget.sourceId),
    });
    const id = (await submit(system.url('ingest'), commentTarget)).body.id;
    targetSlug = await eventually(
      async () => {
        const article = await getJson<{ slug: string }>(`${system.url('article')}/v1/articles/${id}`);
        expect(article.status).toBe(200);
        return article.body.slug;
      },
      { timeoutMs: 30_000 },
    );
    await eventually(async () => expect((await getJson(`${gateway()}/v1/articles/${targetSlug}/comments`)).status).toBe(200));
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  const ingested: { field: string; index: number; status: number; id?: string }[] = [];

  it('ingest: every text field × every hostile string is accepted or refused with 400 (field by field), never a 5xx', async () => {
    const fields = ['headline', 'body', 'section', 'tags', 'byline', 'dateline', 'sourceId', 'canonicalUrl'] as const;
    for (const field of fields) {
      for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
        const article: Record<string, unknown> = anArticle({ body: [prose(40), prose(40)].join('\n\n') });
        if (field === 'tags') article.tags = [hostile];
        else if (field === 'body') article.body = `${prose(30)}\n\n${hostile}\n\n${prose(30)}`;
        else if (field === 'sourceId') article.sourceId = `${randomUUID()}${hostile}`;
        else if (field === 'canonicalUrl') article.canonicalUrl = `https://example.org/${randomUUID()}/${hostile}`;
        else article[field] = hostile;
        const response = await postJson<{ id?: string; error?: { fields?: unknown[] } }>(`${system.url('ingest')}/v1/articles`, article, {
          authorization: `Bearer ${TEST_INGEST_KEY}`,
        });
        ingested.push({ field, index, status: response.status, id: response.body.id });
        if (response.status === 400) expect(response.body.error?.fields).toEqual(expect.any(Array));
      }
    }
    expect(ingested.filter((o) => o.status !== 202 && o.status !== 400)).toEqual([]);
    expect(ingested.filter((o) => o.status === 202).length).toBeGreaterThan(fields.length * 10);
  });

  it('ingest: every accepted hostile article is stored, returned as JSON that parses, and adds no markup to any page', async () => {
    const accepted = ingested.filter((o) => o.status === 202);
    const baselineMarkers = markerCounts((await page(`/articles/${targetSlug}`)).text);
    const slugs = await eventually(
      async () => {
        const found: string[] = [];
        const missing: string[] = [];
        for (const { id, field, index } of accepted) {
          const response = await fetch(`${system.url('article')}/v1/articles/${id}`);
          if (response.status === 200) found.push(((await response.json()) as { slug: string }).slug);
          else missing.push(`${field}#${index} (${response.status})`);
        }
        expect(missing).toEqual([]);
        return found;
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const problems: string[] = [];
    for (const [i, slug] of slugs.entries()) {
      const label = `${accepted[i].field}#${accepted[i].index}`;
      const json = await fetch(`${gateway()}/v1/articles/${slug}`, { signal: AbortSignal.timeout(10_000) });
      if (json.status !== 200) problems.push(`${label}: JSON ${json.status}`);
      else JSON.parse(await json.text());
      const html = await page(`/articles/${slug}`);
      if (html.status >= 500) problems.push(`${label}: page ${html.status}`);
      if (html.type.includes('text/html')) {
        for (const [name, count] of Object.entries(markerCounts(html.text))) {
          if (count > baselineMarkers[name]) problems.push(`${label}: the page gained ${name}`);
        }
      }
    }
    for (const path of [
      '/',
      '/feed.json',
      '/feed.xml',
      '/v1/feed?limit=100',
      `/search?q=${encodeURIComponent('<script>alert(1)</script>')}`,
    ]) {
      const response = await page(path);
      if (response.status >= 500) problems.push(`${path}: ${response.status}`);
      if (response.type.includes('text/html') && /<script>alert\(|<img src=x onerror/i.test(response.text))
        problems.push(`${path}: active markup`);
    }
    expect(problems).toEqual([]);
  });

  it('ingest: every hostile string at once in one section: its RSS and JSON Feed parse and give the text back as text, its pages stay inert', async () => {
    const section = `hostile-${randomUUID().slice(0, 8)}`;
    const accepted = (field: string, index: number) => ingested.some((o) => o.field === field && o.index === index && o.status === 202);
    const ids: string[] = [];
    for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
      // The string opens the body, so it is the teaser; no more than 500 characters of it, so that the
      // long ones do not make this article a near-copy of the one the first test sent with it.
      const article: Record<string, unknown> = anArticle({ section, body: `${hostile.slice(0, 500)}\n\n${prose(80)}` });
      if (!accepted('body', index)) article.body = prose(80);
      for (const field of ['headline', 'byline', 'dateline'] as const) if (accepted(field, index)) article[field] = hostile;
      if (accepted('tags', index)) article.tags = [hostile];
      const response = await postJson<{ id: string }>(`${system.url('ingest')}/v1/articles`, article, {
        authorization: `Bearer ${TEST_INGEST_KEY}`,
      });
      expect(response.status).toBe(202);
      ids.push(response.body.id);
    }
    interface Listed {
      id: string;
      headline: string;
      teaser: string;
      dateline: string | null;
      section: string | null;
      tags: string[];
    }
    const listed = await eventually(
      async () => {
        const page = await getJson<{ items: Listed[] }>(`${gateway()}/v1/sections/${encodeURIComponent(section)}?limit=50`);
        expect(page.body.items.map((item) => item.id).sort()).toEqual([...ids].sort());
        return new Map(page.body.items.map((item) => [item.id, item]));
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    const problems: string[] = [];

    const rssResponse = await page(`/sections/${encodeURIComponent(section)}/feed.xml`);
    expect(rssResponse.status).toBe(200);
    expect(rssResponse.type).toContain('application/rss+xml');
    const xml = new new JSDOM('').window.DOMParser().parseFromString(rssResponse.text, 'application/xml');
    expect(xml.getElementsByTagName('parsererror')).toHaveLength(0);
    const rssItems = (await new Parser().parseString(rssResponse.text)).items;
    expect(rssItems).toHaveLength(ids.length);
    for (const item of rssItems) {
      const expected = listed.get(item.guid ?? '');
      if (!expected) problems.push(`RSS: an item nobody sent (${item.guid})`);
      else {
        if (item.title !== expected.headline) problems.push(`RSS ${item.guid}: title ${JSON.stringify(item.title)}`);
        if (JSON.stringify(item.categories) !== JSON.stringify([expected.section, ...expected.tags]))
          problems.push(`RSS ${item.guid}: categories ${JSON.stringify(item.categories)}`);
      }
    }

    const jsonResponse = await page(`/sections/${encodeURIComponent(section)}/feed.json`);
    expect(jsonResponse.status).toBe(200);
    const jsonItems = (JSON.parse(jsonResponse.text) as { items: { id: string; title: string; content_text: string; tags?: string[] }[] })
      .items;
    expect(jsonItems).toHaveLength(ids.length);
    for (const item of jsonItems) {
      const expected = listed.get(item.id)!;
      if (item.title !== expected.headline) problems.push(`JSON Feed ${item.id}: title ${JSON.stringify(item.title)}`);
      if (item.content_text !== [expected.dateline, expected.teaser].filter(Boolean).join(' '))
        problems.push(`JSON Feed ${item.id}: content_text ${JSON.stringify(item.content_text)}`);
      if (JSON.stringify(item.tags) !== JSON.stringify([expected.section, ...expected.tags])) problems.push(`JSON Feed ${item.id}: tags`);
    }

    // The pages listing them, against the same page of an ordinary section.
    const baseline = markerCounts((await page('/sections/world')).text);
    const pages = [
      `/sections/${encodeURIComponent(section)}`,
      ...[...listed.values()].flatMap((item) => item.tags.map((tag) => `/tags/${encodeURIComponent(tag)}`)),
      // As a browser sends a query: a lone surrogate becomes U+FFFD.
      ...HOSTILE_STRINGS.map((hostile) => `/search?${new URLSearchParams({ q: hostile.slice(0, 200) })}`),
    ];
    for (const path of pages) {
      const response = await page(path);
      if (response.status >= 500) problems.push(`${path}: ${response.status}`);
      if (response.type.includes('text/html'))
        for (const [name, count] of Object.entries(markerCounts(response.text)))
          if (count > baseline[name]) problems.push(`${path.slice(0, 80)}: the page gained ${name}`);
    }
    expect(problems).toEqual([]);
  });

  it('comments: every form field × every hostile string is accepted or refused with 400, and published inert', async () => {
    const baselineMarkers = markerCounts((await page(`/articles/${targetSlug}`)).text);
    const url = `${gateway()}/v1/articles/${targetSlug}/comments`;
    const outcomes: { field: string; index: number; status: number; id?: string }[] = [];
    for (const field of ['authorName', 'body', 'authorUrl', 'authorUrlQuery', 'authorEmail'] as const) {
      for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
        const form: Record<string, unknown> = {
          authorName: `Reader ${index}`,
          authorEmail: `hostile-${randomUUID().slice(0, 8)}@example.org`,
          body: `${prose(8)} ${index}`,
        };
        if (field === 'authorUrlQuery') form.authorUrl = `https://example.org/?q=${hostile}`;
        else if (field === 'body') form.body = `${prose(5)} ${hostile}`;
        else form[field] = hostile;
        const response = await postJson<{ id?: string }>(url, form, { 'x-forwarded-for': `203.0.113.${nextAddress++ % 250}` });
        outcomes.push({ field, index, status: response.status, id: response.body.id });
      }
    }
    const accepted = outcomes.filter((o) => o.status === 202);
    expect(accepted.length).toBeGreaterThan(40);

    // Each accepted comment is decided (stored with a status); the published ones carry only inert markup.
    await eventually(
      async () => {
        const seen = new Set<string>();
        for (const status of ['pending', 'approved', 'rejected', 'spam']) {
          let cursor: string | null = null;
          do {
            const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
            const { body } = await getJson<{ items: { id: string }[]; nextCursor: string | null }>(
              `${system.url('comment')}/v1/moderation/queue?status=${status}&limit=100${query}`,
              MODERATOR,
            );
            body.items.forEach((item) => seen.add(item.id));
            cursor = body.nextCursor;
          } while (cursor);
        }
        expect(accepted.filter((o) => !seen.has(o.id!)).map((o) => `${o.field}#${o.index}`)).toEqual([]);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    const thread = await fetch(`${url}?sort=newest`);
    expect(thread.status).toBe(200);
    const published = JSON.parse(await thread.text()) as {
      total: number;
      items: { authorName: string; body: string; authorUrl: string | null }[];
    };
    expect(published.total).toBeGreaterThan(20);
    for (const comment of published.items) {
      expect(comment.authorName).not.toMatch(/[<>]/);
      for (const tag of comment.body.match(/<[^>]*>?/g) ?? [])
        expect(tag).toMatch(/^(<\/a>|<a href="https?:\/\/[^"<>]*" rel="nofollow ugc">)$/);
      if (comment.authorUrl) expect(comment.authorUrl).toMatch(/^https?:\/\/[^\s"<>]+$/);
    }
    const html = await page(`/articles/${targetSlug}`);
    if (html.type.includes('text/html')) {
      const counts = markerCounts(html.text);
      for (const name of MARKERS) expect({ name, count: counts[name] }).toEqual({ name, count: baselineMarkers[name] });
    }
    // Last, so that the checks above run whatever this finds: a hostile form is a 202 or a 400, never a 5xx.
    expect(outcomes.filter((o) => o.status !== 202 && o.status !== 400)).toEqual([]);
  });

  it('refuses operator keys, prototype keys and wrong types with 400 on both write routes', async () => {
    const ingestBodies: unknown[] = [
      { ...anArticle(), $where: 'sleep(1000)' },
      { ...anArticle(), headline: { $gt: '' } },
      { ...anArticle(), tags: [{ $ne: null }] },
      { ...anArticle(), __proto__: { admin: true }, constructor: { prototype: { polluted: true } } },
      { ...anArticle(), body: 42 },
      { ...anArticle(), sourceId: ['a', 'b'] },
      '[]',
      'null',
      '"just a string"',
      '{"headline": "unterminated',
    ];
    for (const body of ingestBodies) {
      const response = await postJson(`${system.url('ingest')}/v1/articles`, typeof body === 'string' ? body : JSON.stringify(body), {
        authorization: `Bearer ${TEST_INGEST_KEY}`,
      }).catch((error: unknown) => ({ status: -1, body: String(error) }));
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    const form = { authorName: 'Ann', authorEmail: 'ann@example.org', body: 'Hello there' };
    const commentBodies: unknown[] = [
      { ...form, $where: '1' },
      { ...form, body: { $gt: '' } },
      { ...form, authorEmail: { $ne: null } },
      { ...form, parentId: { $exists: true } },
      '[]',
      '{"body": ',
    ];
    for (const body of commentBodies) {
      const response = await postJson(
        `${gateway()}/v1/articles/${targetSlug}/comments`,
        typeof body === 'string' ? body : JSON.stringify(body),
        { 'x-forwarded-for': `203.0.113.${nextAddress++ % 250}` },
      ).catch((error: unknown) => ({ status: -1, body: String(error) }));
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    // Nothing leaked into the prototype of this process's objects either way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('dead-letters poison on every consumed topic (once per consumer group) and keeps consuming', async () => {
    const consumers: Record<string, number> = {
      [Topics.IngestArticles]: 1,
      [Topics.NewsArticles]: 2,
      [Topics.CommentSubmissions]: 1,
      [Topics.NewsComments]: 1,
    };
    const kinds: Record<string, { value: string | null; type: string }> = {
      notJson: { value: '{"unterminated": ', type: 'ArticleSubmitted' },
      empty: { value: null, type: 'ArticlePublished' },
      wrongSchema: { value: JSON.stringify({ hello: 'world' }), type: 'ArticlePublished' },
      wrongTypes: { value: JSON.stringify({ articleId: 42, headline: ['x'], version: 'one', commentId: false }), type: 'CommentPublished' },
      unknownType: { value: JSON.stringify({ articleId: randomUUID() }), type: 'SomethingElseHappened' },
      huge: { value: JSON.stringify({ padding: 'x'.repeat(600_000) }), type: 'CommentSubmitted' },
      operatorKeys: { value: JSON.stringify({ $where: 'sleep(1)', articleId: { $gt: '' } }), type: 'ArticlePublished' },
      // Well-formed but for a lone surrogate in the email, which makes validator's isEmail throw (see lone-surrogate-email.spec.ts).
      loneSurrogateEmail: {
        value: JSON.stringify({
          commentId: randomUUID(),
          articleSlug: 'any-story',
          authorName: 'Ann',
          authorEmail: '\uD83D@example.org',
          body: 'Hello there',
          clientAddress: '198.51.100.1',
          submittedAt: new Date().toISOString(),
        }),
        type: 'CommentSubmitted',
      },
    };
    const sent: { topic: string; poisonId: string }[] = [];
    for (const topic of Object.keys(consumers)) {
      for (const [kind, { value, type }] of Object.entries(kinds)) {
        const poisonId = `poison-${kind}-${randomUUID().slice(0, 8)}`;
        await probe.send(system.topic(topic), {
          key: poisonId,
          value,
          headers: {
            ce_specversion: '1.0',
            ce_id: poisonId,
            ce_type: type,
            ce_source: '/tests/hostile',
            ce_time: new Date().toISOString(),
            'content-type': 'application/json',
            'x-poison': poisonId,
          },
        });
        sent.push({ topic, poisonId });
      }
    }
    // The consumers keep going: a new article and a comment still make it all the way through.
    const after = anArticle({ body: [prose(50), prose(50)].join('\n\n') });
    const afterId = (await submit(system.url('ingest'), after)).body.id;
    const comment = await postJson<{ id: string }>(
      `${gateway()}/v1/articles/${targetSlug}/comments`,
      { authorName: 'After the poison', authorEmail: `after-${randomUUID().slice(0, 8)}@example.org`, body: `${prose(6)} after poison` },
      { 'x-forwarded-for': '198.51.100.250' },
    );
    expect(comment.status).toBe(202);

    const brokers = process.env.KAFKA_BROKERS!.split(',');
    await eventually(
      async () => {
        for (const topic of Object.keys(consumers)) {
          const letters = await listDeadLetters({ brokers, topic, prefix: system.topicPrefix });
          for (const { poisonId } of sent.filter((s) => s.topic === topic)) {
            const count = letters.filter((letter) => letter.headers['x-poison'] === poisonId).length;
            expect({ topic, poisonId, count }).toEqual({ topic, poisonId, count: consumers[topic] });
          }
          // Dead letters keep the reason beside the original headers.
          for (const letter of letters) expect(Object.keys(letter.headers).some((h) => h.startsWith('dlq_'))).toBe(true);
        }
      },
      { timeoutMs: 90_000, intervalMs: 1000 },
    );
    await eventually(
      async () => {
        const feed = await getJson<{ items: { id: string }[] }>(`${gateway()}/v1/feed?limit=100`);
        expect(feed.body.items.map((item) => item.id)).toContain(afterId);
        const thread = await getJson<{ items: { id: string }[] }>(`${gateway()}/v1/articles/${targetSlug}/comments?sort=newest`);
        expect(thread.body.items.map((item) => item.id)).toContain(comment.body.id);
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });
});

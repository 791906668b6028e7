import { eventually, getJson, postJson, TestSystem } from '@frontpage/testing';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

jest.setTimeout(60_000);

const MODERATOR = { authorization: 'Bearer dev-moderator-token' };
const run = randomUUID().slice(0, 6);

interface ArticlePage {
  article: { id: string; slug: string };
  comments: { total: number; items: { id: string; body: string }[] } | null;
  warnings: { part: string }[];
}

type Schema = Record<string, unknown>;

/**
 * The OpenAPI components as JSON Schema, with every documented object closed (no property beyond
 * those documented), so that validating a real answer fails on an undocumented field as well as on
 * a missing one.
 */
function closedComponents(schemas: Record<string, Schema>): Record<string, Schema> {
  const close = (schema: unknown): unknown => {
    if (Array.isArray(schema)) return schema.map(close);
    if (!schema || typeof schema !== 'object') return schema;
    const copy = Object.fromEntries(Object.entries(schema).map(([key, value]) => [key, close(value)])) as Schema;
    if (typeof copy.$ref === 'string') copy.$ref = copy.$ref.replace('#/components/schemas/', 'components#/');
    if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
    // OpenAPI 3.0 `nullable` also admits null beside an `allOf` reference, which JSON Schema alone does not.
    if (copy.nullable === true) {
      delete copy.nullable;
      return { anyOf: [{ type: 'null' }, copy] };
    }
    return copy;
  };
  return close(schemas) as Record<string, Schema>;
}

describe('gateway article page cache, form refusals and documented shapes (five services as processes)', () => {
  let system: TestSystem;
  let slug: string;
  const gateway = () => system.url('gateway');
  let nextAddress = 1;
  const clientAddress = () => `203.0.113.${nextAddress++}`;

  beforeAll(async () => {
    system = await TestSystem.start('gateway-cache', undefined, {
      ARTICLE_PAGE_CACHE_TTL_MS: '3000',
      COMMENT_RATE_LIMIT_BURST: '2',
      COMMENT_RATE_LIMIT_PER_MINUTE: '0.01',
    });
    const { body } = await submit(
      system.url('ingest'),
      anArticle({ headline: `Harbour bridge reopens after repairs ${run}`, standfirst: 'Traffic is back.', tags: ['harbour'] }),
    );
    slug = await eventually(async () => {
      const page = await getJson<ArticlePage>(`${system.url('article')}/v1/articles/${body.id}`);
      expect(page.status).toBe(200);
      return (page.body as unknown as { slug: string }).slug;
    });
    // The comment service knows the article once its thread can be read.
    await eventually(async () => expect((await getJson(`${gateway()}/v1/articles/${slug}/comments`)).status).toBe(200));
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  /** Requests for an article that reached the article service, from its own metrics. */
  async function articleServiceReads(): Promise<number> {
    const text = await (await fetch(`${system.url('article')}/metrics`)).text();
    return text
      .split('\n')
      .filter((line) => line.startsWith('http_request_duration_seconds_count{') && line.includes('route="/v1/articles/:idOrSlug"'))
      .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
  }

  it('composes a page once for many concurrent readers and serves it with one ETag', async () => {
    const before = await articleServiceReads();
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(`${gateway()}/v1/articles/${slug}`)));
    expect(answers.map((answer) => answer.status)).toEqual(Array(20).fill(200));
    const etags = new Set(answers.map((answer) => answer.headers.get('etag')));
    expect(etags.size).toBe(1);
    const bodies = await Promise.all(answers.map((answer) => answer.json() as Promise<ArticlePage>));
    expect(bodies.every((page) => page.article.slug === slug && page.warnings.length === 0)).toBe(true);
    expect((await articleServiceReads()) - before).toBe(1);
    expect(answers[0].headers.get('cache-control')).toMatch(/max-age=\d+/);
  });

  it('shows a comment approved by a moderator on the cached page within the cache time', async () => {
    const before = (await getJson<ArticlePage>(`${gateway()}/v1/articles/${slug}`)).body;
    expect(before.comments?.total).toBe(0);
    const posted = await postJson<{ id: string }>(
      `${gateway()}/v1/articles/${slug}/comments`,
      { authorName: 'Cache Reader', authorEmail: `cache-${run}@example.org`, body: 'Good to have the bridge back.' },
      { 'x-forwarded-for': clientAddress() },
    );
    expect(posted.status).toBe(202);
    await eventually(async () => {
      const approved = await postJson(`${system.url('comment')}/v1/comments/${posted.body.id}/approve`, {}, MODERATOR);
      expect(approved.status).toBe(200);
    });
    const page = await eventually(async () => {
      const { body } = await getJson<ArticlePage>(`${gateway()}/v1/articles/${slug}`);
      expect(body.comments?.items.map((item) => item.id)).toEqual([posted.body.id]);
      return body;
    });
    expect(page.comments?.total).toBe(1);
  });

  it('answers 404 for an unknown slug, every time', async () => {
    for (let i = 0; i < 2; i++) {
      const response = await getJson<{ error: { code: string } }>(`${gateway()}/v1/articles/no-such-story-${run}`);
      expect(response.status).toBe(404);
      expect(response.body.error.code).toBe('ARTICLE.NOT_FOUND');
    }
  });

  it('answers a rate-limited "Leave a Reply" form post with an HTML page and Retry-After; the JSON API keeps JSON', async () => {
    const address = clientAddress();
    const form = (body: string) =>
      fetch(`${gateway()}/articles/${slug}/comments`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({ authorName: 'Quick Typist', authorEmail: `quick-${run}@example.org`, body }).toString(),
      });
    const first = await form('First thoughts on the bridge.');
    expect(first.status).toBe(303);
    // An invalid JSON submission still takes from the same bucket.
    expect((await postJson(`${gateway()}/v1/articles/${slug}/comments`, {}, { 'x-forwarded-for': address })).status).toBe(400);

    const refused = await form('Second thoughts on the bridge.');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^text\/html/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    const html = await refused.text();
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('Please wait');
    expect(html).toContain('Second thoughts on the bridge.'); // the reader's text is kept in the form

    const json = await postJson<{ error: { code: string } }>(
      `${gateway()}/v1/articles/${slug}/comments`,
      { authorName: 'Quick Typist', authorEmail: `quick-${run}@example.org`, body: 'Third.' },
      { 'x-forwarded-for': address },
    );
    expect(json.status).toBe(429);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    expect(json.body.error.code).toBe('COMMENT.RATE_LIMITED');
  });

  it('returns an article page that the OpenAPI document describes exactly', async () => {
    const { body: document } = await getJson<{
      paths: Record<string, { get: { responses: Record<string, { content: Record<string, { schema: Schema }> }> } }>;
      components: { schemas: Record<string, Schema> };
    }>(`${gateway()}/docs-json`);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'components', definitions: {}, ...closedComponents(document.components.schemas) });
    const responseSchema = document.paths['/v1/articles/{slug}'].get.responses['200'].content['application/json'].schema;
    const validate = ajv.compile(closedComponents({ page: responseSchema }).page);

    const { status, body } = await getJson<ArticlePage>(`${gateway()}/v1/articles/${slug}`);
    expect(status).toBe(200);
    const valid = validate(body);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // And the check has teeth: an undocumented field or a missing one is caught.
    expect(validate({ ...body, article: { ...body.article, undocumented: 1 } })).toBe(false);
    const { standfirst: _standfirst, ...withoutStandfirst } = body.article as unknown as Record<string, unknown>;
    expect(validate({ ...body, article: withoutStandfirst })).toBe(false);
  });
});

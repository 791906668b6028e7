import { eventually, getJson, TEST_INGEST_KEY, TestSystem } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

interface Block {
  type: string;
  text?: string;
  ordered?: boolean;
  items?: string[];
  cite?: string;
  url?: string;
  caption?: string;
  credit?: string;
}

interface ArticleView {
  id: string;
  slug: string;
  version: number;
  headline: string;
  standfirst: string | null;
  teaser: string | null;
  body: string;
  bodyFormat: string;
  blocks: Block[];
  byline: string | null;
  dateline: string | null;
  language: string | null;
  tags: string[];
  entities: { people: string[]; places: string[]; organisations: string[] } | null;
  readingTimeMinutes: number | null;
  canonicalUrl: string | null;
  publishedAt: string;
}

interface ArticlePage {
  article: ArticleView;
}

interface FeedPage {
  items: { id: string }[];
}

const auth = { authorization: `Bearer ${TEST_INGEST_KEY}` };

describe('ingest inputs through to readers (five services as processes)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start('ingest-inputs', undefined, { INGEST_MAX_BODY_BYTES: String(256 * 1024) });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const ingest = () => system.url('ingest');
  const gateway = () => system.url('gateway');
  const articleById = (id: string) =>
    eventually(async () => {
      const response = await getJson<ArticleView>(`${system.url('article')}/v1/articles/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    });
  const post = (path: string, body: string, contentType: string, headers: Record<string, string> = auth) =>
    fetch(`${ingest()}${path}`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

  it('takes native JSON with an HTML body: sanitised, structured, with standfirst, bylines, images and entities', async () => {
    const article = anArticle({
      headline: 'Senate passes the harbour bill',
      standfirst: 'The vote came after <b>two years</b> of debate.',
      bylines: ['Ann Lee', 'Bo Chan'],
      dateline: undefined,
      bodyFormat: 'html',
      body:
        '<p onclick="steal()">WASHINGTON (Reuters) - The Senate passed the harbour bill on Tuesday, sending it to President Joe Biden.' +
        '<script>alert(1)</script></p><h2>What happens next</h2><ul><li>The House votes in May.</li><li>Funding starts in June.</li></ul>' +
        '<blockquote><p>We will rebuild the harbour.</p><cite>Maria Lopez, mayor</cite></blockquote>' +
        '<iframe src="https://tracker.example/x"></iframe><figure><img src="https://images.example/harbour.jpg" onerror="x()">' +
        '<figcaption>The harbour at dawn. <small>Photo: Jane Roe</small></figcaption></figure>' +
        '<p>Officials from the World Bank welcomed the vote in Chicago.</p>',
      images: [{ url: 'https://images.example/lead.jpg', caption: 'The Senate chamber', credit: 'Example Wire' }],
      canonicalUrl: 'https://news.example/senate-harbour',
      updatedAt: '2026-03-01T10:00:00Z',
    });
    delete article.byline;
    const accepted = await submit(ingest(), article);
    expect(accepted.status).toBe(202);

    const view = await articleById(accepted.body.id);
    expect(view).toMatchObject({
      headline: 'Senate passes the harbour bill',
      standfirst: 'The vote came after two years of debate.',
      teaser: 'The vote came after two years of debate.',
      byline: 'Ann Lee and Bo Chan',
      dateline: 'WASHINGTON (Reuters) -',
      bodyFormat: 'html',
      language: 'en',
      canonicalUrl: 'https://news.example/senate-harbour',
    });
    expect(view.blocks).toEqual([
      { type: 'image', url: 'https://images.example/lead.jpg', caption: 'The Senate chamber', credit: 'Example Wire' },
      { type: 'paragraph', text: 'The Senate passed the harbour bill on Tuesday, sending it to President Joe Biden.' },
      { type: 'heading', text: 'What happens next' },
      { type: 'list', ordered: false, items: ['The House votes in May.', 'Funding starts in June.'] },
      { type: 'quote', text: 'We will rebuild the harbour.', cite: 'Maria Lopez, mayor' },
      { type: 'image', url: 'https://images.example/harbour.jpg', caption: 'The harbour at dawn.', credit: 'Jane Roe' },
      { type: 'paragraph', text: 'Officials from the World Bank welcomed the vote in Chicago.' },
    ]);
    expect(view.body).not.toMatch(/<|alert|steal|tracker/);
    expect(view.body.startsWith('The Senate passed the harbour bill')).toBe(true);
    expect(view.entities!.people).toEqual(expect.arrayContaining(['Joe Biden']));
    expect(view.entities!.organisations).toEqual(expect.arrayContaining(['World Bank']));
    expect(view.readingTimeMinutes).toBe(1);

    // The reader's page at the gateway carries the same blocks.
    const page = await getJson<ArticlePage>(`${gateway()}/v1/articles/${view.slug}`);
    expect(page.body.article.blocks).toEqual(view.blocks);
  });

  it('takes Markdown and plain text, with blank-line paragraphs as blocks', async () => {
    const markdown = await submit(
      ingest(),
      anArticle({
        bodyFormat: 'markdown',
        dateline: undefined,
        body: 'New Delhi, Sept 29- According to data updated on Thursday.\n\n## The news:\n\n1. First\n2. Second\n\n> Stay home.',
      }),
    );
    const text = await submit(ingest(), anArticle({ body: 'First paragraph.\n\nSecond paragraph,\nwrapped.' }));
    expect((await articleById(markdown.body.id)).blocks).toEqual([
      { type: 'paragraph', text: 'According to data updated on Thursday.' },
      { type: 'heading', text: 'The news:' },
      { type: 'list', ordered: true, items: ['First', 'Second'] },
      { type: 'quote', text: 'Stay home.' },
    ]);
    expect((await articleById(markdown.body.id)).dateline).toBe('New Delhi, Sept 29-');
    expect((await articleById(text.body.id)).blocks).toEqual([
      { type: 'paragraph', text: 'First paragraph.' },
      { type: 'paragraph', text: 'Second paragraph, wrapped.' },
    ]);
  });

  it('takes IPTC ninjs on the same route, versions it by versioncreated, and withdraws it when canceled', async () => {
    const uri = `urn:newsml:wire.example:2026:${randomUUID()}`;
    const item = (version: string, versioncreated: string, headline: string, pubstatus = 'usable') => ({
      uri,
      type: 'text',
      version,
      versioncreated,
      firstcreated: '2026-04-01T08:00:00Z',
      pubstatus,
      language: 'en',
      headlines: [{ role: 'main', value: headline }],
      descriptions: [{ role: 'summary', value: 'Ferries are cancelled across the region.' }],
      bodies: [
        {
          role: 'main',
          contenttype: 'text/html',
          value: '<p>A storm hit the coast on Tuesday, closing roads.</p><p>More rain is due.</p>',
        },
      ],
      by: 'Ann Lee and Bo Chan',
      located: 'BERGEN',
      subjects: [{ name: 'weather', uri: 'http://cv.iptc.org/newscodes/mediatopic/17000000' }],
      people: [{ name: 'Erna Solberg' }],
      organisations: [{ name: 'Norwegian Meteorological Institute' }],
      places: [{ name: 'Bergen' }],
      associations: {
        featureimage: {
          type: 'picture',
          renditions: {
            original: { href: 'https://images.example/storm.jpg', width: 1200 },
            thumbnail: { href: 'https://images.example/t.jpg', width: 100 },
          },
          descriptions: [{ role: 'caption', value: 'Waves at the harbour wall.' }],
          by: 'Kari Nordmann',
        },
      },
      profile: 'wire-text',
      urgency: 3,
    });
    const ninjs = (body: object) => post('/v1/articles', JSON.stringify(body), 'application/ninjs+json');

    const first = await ninjs(item('1', '2026-04-01T08:00:00Z', 'Storm closes coast roads'));
    expect(first.status).toBe(202);
    const { id } = (await first.json()) as { id: string };
    const v1 = await articleById(id);
    expect(v1).toMatchObject({
      version: 1,
      headline: 'Storm closes coast roads',
      byline: 'Ann Lee and Bo Chan',
      dateline: 'BERGEN',
      language: 'en',
    });
    expect(v1.standfirst).toBe('Ferries are cancelled across the region.');
    expect(v1.tags).toEqual(['weather']);
    expect(v1.entities).toMatchObject({
      people: expect.arrayContaining(['Erna Solberg']),
      places: expect.arrayContaining(['Bergen']),
      organisations: expect.arrayContaining(['Norwegian Meteorological Institute']),
    });
    expect(v1.blocks[0]).toEqual({
      type: 'image',
      url: 'https://images.example/storm.jpg',
      caption: 'Waves at the harbour wall.',
      credit: 'Kari Nordmann',
    });
    expect(v1.publishedAt).toBe('2026-04-01T08:00:00.000Z');

    expect((await ninjs(item('2', '2026-04-01T09:00:00Z', 'Storm closes coast roads and ferries'))).status).toBe(202);
    expect((await ninjs(item('0', '2026-04-01T07:00:00Z', 'Stale draft'))).status).toBe(202);
    await eventually(async () =>
      expect(await articleById(id)).toMatchObject({ version: 2, headline: 'Storm closes coast roads and ferries' }),
    );
    await eventually(async () => {
      const feed = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      expect(feed.body.items.map((entry) => entry.id)).toContain(id);
    });

    const killed = await ninjs(item('3', '2026-04-01T10:00:00Z', 'Storm closes coast roads and ferries', 'canceled'));
    expect(killed.status).toBe(202);
    expect(await killed.json()).toEqual({ id, status: 'withdrawal-requested' });
    await eventually(async () => {
      expect((await getJson(`${system.url('article')}/v1/articles/${id}`)).status).toBe(404);
      expect((await getJson(`${gateway()}/v1/articles/${v1.slug}`)).status).toBe(404);
      const feed = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      expect(feed.body.items.map((entry) => entry.id)).not.toContain(id);
    });
  });

  it('withdraws an article with DELETE /v1/articles/:source/:sourceId, and only for the key own source', async () => {
    const article = anArticle();
    const { body } = await submit(ingest(), article);
    const view = await articleById(body.id);

    const foreign = await fetch(`${ingest()}/v1/articles/someone-else/${article.sourceId}`, { method: 'DELETE', headers: auth });
    expect(foreign.status).toBe(403);
    const deleted = await fetch(`${ingest()}/v1/articles/${article.source}/${encodeURIComponent(article.sourceId)}`, {
      method: 'DELETE',
      headers: auth,
    });
    expect(deleted.status).toBe(202);
    await eventually(async () => {
      expect((await getJson(`${gateway()}/v1/articles/${view.slug}`)).status).toBe(404);
      const feed = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      expect(feed.body.items.map((entry) => entry.id)).not.toContain(body.id);
    });
    // A withdrawal is final: the same story sent again stays withdrawn.
    await submit(ingest(), { ...article, headline: `${article.headline} again`, updatedAt: '2030-01-01T00:00:00Z' });
    const decisions = await eventually(() => {
      const lines = system
        .service('article')
        .logLines()
        .filter((line) => line.articleId === body.id)
        .map((line) => line.msg);
      expect(lines).toHaveLength(3);
      return lines;
    });
    expect(decisions).toEqual(['submission created', 'withdrawal withdrawn', 'submission stale']);
  });

  it('answers 401, 403, 413, 415, 400 with field reasons and 422, and publishes nothing for them', async () => {
    const json = JSON.stringify(anArticle());
    expect((await post('/v1/articles', json, 'application/json', {})).status).toBe(401);
    expect((await post('/v1/articles', json, 'application/json', { authorization: 'Bearer wrong-key-123' })).status).toBe(401);
    expect((await submit(ingest(), anArticle({ source: 'another-source' }))).status).toBe(403);

    const tooLarge = await post('/v1/articles', JSON.stringify(anArticle({ body: 'x '.repeat(200 * 1024) })), 'application/json');
    expect(tooLarge.status).toBe(413);
    expect(((await tooLarge.json()) as { error: { code: string } }).error.code).toBe('REQUEST.TOO_LARGE');

    const wrongType = await post('/v1/articles', json, 'application/xml');
    expect(wrongType.status).toBe(415);
    expect(((await wrongType.json()) as { error: { code: string } }).error.code).toBe('REQUEST.UNSUPPORTED_MEDIA_TYPE');
    expect((await post('/v1/articles', '<p>hello</p>', 'text/html')).status).toBe(415);

    const invalid = await submit(ingest(), anArticle({ bodyFormat: 'rtf', images: [{ url: 'javascript:alert(1)' }], language: 'English' }));
    expect(invalid.status).toBe(400);
    const fields = (invalid.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field).sort();
    expect(fields).toEqual(['bodyFormat', 'images.0.url', 'language']);

    const empty = await submit(ingest(), anArticle({ bodyFormat: 'html', body: '<script>alert(1)</script><iframe></iframe>' }));
    expect(empty.status).toBe(400);
    expect((empty.body as unknown as { error: { fields: { field: string }[] } }).error.fields).toEqual([
      { field: 'body', problems: ['body has no text once sanitised'] },
    ]);

    const ninjsWithoutBody = await post(
      '/v1/articles',
      JSON.stringify({ uri: 'urn:x', headlines: [{ value: 'H' }] }),
      'application/ninjs+json',
    );
    expect(ninjsWithoutBody.status).toBe(400);
    const withheld = await post(
      '/v1/articles',
      JSON.stringify({ uri: 'urn:y', pubstatus: 'withheld', headlines: [{ value: 'H' }], bodies: [{ value: 'B' }] }),
      'application/ninjs+json',
    );
    expect(withheld.status).toBe(422);

    // None of these reached the article service.
    const accepted = system
      .service('ingest')
      .logLines()
      .filter((line) => line.msg === 'article accepted' || line.msg === 'withdrawal accepted');
    expect(accepted.every((line) => !['urn:x', 'urn:y'].includes(String(line.sourceId)))).toBe(true);
  });
});

import { articleIdFor, Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, postJson, ProbedMessage, TEST_INGEST_KEY, TestSystem } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';

interface ArticleView {
  id: string;
  slug: string;
  version: number;
  headline: string;
  standfirst: string | null;
  byline: string | null;
  dateline: string | null;
  tags: string[];
  canonicalUrl: string | null;
  language: string | null;
  publishedAt: string;
  body: string;
  blocks: { type: string; text?: string; ordered?: boolean; items?: string[]; cite?: string; url?: string }[];
}

interface SourceView {
  id: string;
  name: string;
  kind: string;
  url: string;
  intervalSeconds: number;
  status: 'healthy' | 'unhealthy';
  consecutiveFailures: number;
  lastError: string | null;
  lastErrorAt: string | null;
  lastPolledAt: string | null;
  lastSuccessAt: string | null;
  nextPollAt: string;
  etag: string | null;
  lastModified: string | null;
  entries: { inFeed: number; published: number; rejected: number };
}

interface ErrorBody {
  error: { code: string; message: string; fields?: { field: string; problems: string[] }[] };
}

interface FeedRequest {
  startedAt: number;
  finishedAt?: number;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
  status?: number;
}

/** What the test's feed server answers on one path, and every request it got there. */
interface ServedFeed {
  body: string;
  contentType: string;
  etag?: string;
  lastModified?: string;
  /** Answer this status instead of the feed. */
  failWith?: number;
  requests: FeedRequest[];
}

const OTHER_KEY = 'other-ingest-key-0002';
const auth = { authorization: `Bearer ${TEST_INGEST_KEY}` };
const otherAuth = { authorization: `Bearer ${OTHER_KEY}` };

/** A local feed server: each path serves a feed the test changes between polls, and logs requests. */
class FeedServer {
  private readonly server: Server;
  readonly feeds = new Map<string, ServedFeed>();

  constructor() {
    this.server = createServer((request, response) => this.answer(request, response));
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  serve(feed: Omit<ServedFeed, 'requests'>): { url: string; feed: ServedFeed } {
    const path = `/feeds/${randomUUID()}`;
    const served = { ...feed, requests: [] };
    this.feeds.set(path, served);
    return { url: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`, feed: served };
  }

  private answer(request: IncomingMessage, response: ServerResponse): void {
    const feed = this.feeds.get(request.url ?? '');
    if (!feed) {
      response.writeHead(404).end();
      return;
    }
    const logged: FeedRequest = {
      startedAt: Date.now(),
      ifNoneMatch: request.headers['if-none-match'],
      ifModifiedSince: request.headers['if-modified-since'],
    };
    feed.requests.push(logged);
    response.on('finish', () => (logged.finishedAt = Date.now()));
    const reply = (status: number, headers: Record<string, string> = {}, body?: string) => {
      logged.status = status;
      response.writeHead(status, headers).end(body);
    };
    if (feed.failWith) return reply(feed.failWith, { 'content-type': 'text/plain' }, 'upstream broke');
    const validators = { ...(feed.etag ? { etag: feed.etag } : {}), ...(feed.lastModified ? { 'last-modified': feed.lastModified } : {}) };
    const fresh =
      (feed.etag !== undefined && logged.ifNoneMatch === feed.etag) ||
      (feed.etag === undefined && feed.lastModified !== undefined && logged.ifModifiedSince === feed.lastModified);
    if (fresh) return reply(304, validators);
    reply(200, { 'content-type': feed.contentType, ...validators }, feed.body);
  }
}

interface RssItem {
  guid: string;
  title: string;
  html?: string;
  description?: string;
  creator?: string;
  categories?: string[];
  link?: string;
  pubDate?: string;
}

function rss(items: RssItem[]): string {
  const cdata = (text: string) => `<![CDATA[${text}]]>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Test wire</title><link>https://wire.example/</link><description>Test</description><language>en</language>
${items
  .map(
    (item) => `<item>
  <title>${item.title}</title>
  <link>${item.link ?? `https://wire.example/${item.guid}`}</link>
  <guid isPermaLink="false">${item.guid}</guid>
  ${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}
  ${item.creator ? `<dc:creator>${item.creator}</dc:creator>` : ''}
  ${(item.categories ?? []).map((category) => `<category>${category}</category>`).join('')}
  ${item.description ? `<description>${cdata(item.description)}</description>` : ''}
  ${item.html ? `<content:encoded>${cdata(item.html)}</content:encoded>` : ''}
</item>`,
  )
  .join('\n')}
</channel></rss>`;
}

const rssFeed = (items: RssItem[], extra: Partial<Omit<ServedFeed, 'requests'>> = {}) => ({
  body: rss(items),
  contentType: 'application/rss+xml; charset=utf-8',
  ...extra,
});

const paragraph = (tag: string) => `<p>LONDON - A routine story for the ${tag} test, with enough words to be a real paragraph.</p>`;

describe('feed polling through to readers (five services as processes)', () => {
  let system: TestSystem;
  const server = new FeedServer();
  const probe = new KafkaProbe();
  let submitted: ProbedMessage[];

  beforeAll(async () => {
    await server.start();
    system = await TestSystem.start('ingest-sources', undefined, {
      INGEST_API_KEYS: `wire:${TEST_INGEST_KEY},other:${OTHER_KEY}`,
      SOURCE_MIN_INTERVAL_SECONDS: '1',
      SOURCE_POLL_TICK_MS: '200',
      SOURCE_FAILURE_THRESHOLD: '3',
      SOURCE_MAX_BACKOFF_SECONDS: '2',
      SOURCE_FETCH_TIMEOUT_MS: '3000',
    });
    submitted = await probe.collect(system.topic(Topics.IngestArticles));
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
    await server.stop();
  });

  const ingest = () => system.url('ingest');
  const register = (body: unknown, headers = auth) => postJson<SourceView & ErrorBody>(`${ingest()}/v1/sources`, body, headers);
  const registered = async (body: { name?: string; kind: string; url: string; intervalSeconds?: number }) => {
    const response = await register({ name: `Feed ${randomUUID().slice(0, 8)}`, intervalSeconds: 1, ...body });
    expect(response.status).toBe(201);
    return response.body;
  };
  const sourceState = async (id: string) => {
    const response = await getJson<SourceView>(`${ingest()}/v1/sources/${id}`, auth);
    expect(response.status).toBe(200);
    return response.body;
  };
  const remove = (id: string, headers = auth) => fetch(`${ingest()}/v1/sources/${id}`, { method: 'DELETE', headers });
  /** The article at the article service once it has `version` (or any), then as readers get it from the gateway. */
  const atGateway = async (sourceId: string, check: (article: ArticleView) => void = () => undefined) => {
    const id = articleIdFor('wire', sourceId);
    return eventually(
      async () => {
        const stored = await getJson<ArticleView>(`${system.url('article')}/v1/articles/${id}`);
        expect(stored.status).toBe(200);
        const page = await getJson<{ article: ArticleView }>(`${system.url('gateway')}/v1/articles/${stored.body.slug}`);
        expect(page.status).toBe(200);
        check(page.body.article);
        return page.body.article;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  };
  const submissionsOf = (sourceId: string) => submitted.filter((message) => message.key === articleIdFor('wire', sourceId));
  /** Waits until the feed server has answered `count` more requests than it had. */
  const morePolls = (feed: ServedFeed, count: number) => {
    const target = feed.requests.length + count;
    return eventually(() => expect(feed.requests.filter((request) => request.finishedAt).length).toBeGreaterThanOrEqual(target), {
      timeoutMs: 30_000,
    });
  };

  it('polls RSS and publishes content:encoded with headline, byline, dateline, tags and structured blocks', async () => {
    const guid = `rss-${randomUUID()}`;
    const summaryOnly = `rss-summary-${randomUUID()}`;
    const { url } = server.serve(
      rssFeed([
        {
          guid,
          title: 'Senate passes the harbour bill',
          creator: 'Ann Lee',
          categories: ['Politics', 'Harbours'],
          link: `https://wire.example/news/${guid}`,
          pubDate: 'Tue, 03 Mar 2026 10:00:00 GMT',
          description: 'Lawmakers back a plan to rebuild the harbour.',
          html:
            '<p>WASHINGTON (Reuters) - The Senate passed the harbour bill on Tuesday.<script>alert(1)</script></p>' +
            '<ul><li>The House votes in May.</li><li>Funding starts in June.</li></ul>' +
            '<blockquote><p>We will rebuild the harbour.</p><cite>Maria Lopez, mayor</cite></blockquote>' +
            '<p>Officials welcomed the vote.</p>',
        },
        { guid: summaryOnly, title: 'Ferry timetable changes', description: '<p>The ferry runs hourly from Monday.</p>' },
      ]),
    );
    const source = await registered({ kind: 'rss', url });
    expect(source).toMatchObject({ kind: 'rss', url, intervalSeconds: 1, status: 'healthy', consecutiveFailures: 0, lastPolledAt: null });

    const article = await atGateway(guid);
    expect(article).toMatchObject({
      headline: 'Senate passes the harbour bill',
      standfirst: 'Lawmakers back a plan to rebuild the harbour.',
      byline: 'Ann Lee',
      dateline: 'WASHINGTON (Reuters) -',
      tags: ['Politics', 'Harbours'],
      canonicalUrl: `https://wire.example/news/${guid}`,
      publishedAt: '2026-03-03T10:00:00.000Z',
      language: 'en',
      version: 1,
    });
    expect(article.blocks).toEqual([
      { type: 'paragraph', text: 'The Senate passed the harbour bill on Tuesday.' },
      { type: 'list', ordered: false, items: ['The House votes in May.', 'Funding starts in June.'] },
      { type: 'quote', text: 'We will rebuild the harbour.', cite: 'Maria Lopez, mayor' },
      { type: 'paragraph', text: 'Officials welcomed the vote.' },
    ]);
    expect(article.body).not.toMatch(/alert|</);
    // Without content:encoded, the description is the body.
    expect((await atGateway(summaryOnly)).blocks).toEqual([{ type: 'paragraph', text: 'The ferry runs hourly from Monday.' }]);

    const state = await eventually(async () => {
      const current = await sourceState(source.id);
      expect(current.entries).toEqual({ inFeed: 2, published: 2, rejected: 0 });
      return current;
    });
    expect(state.lastSuccessAt).not.toBeNull();
    expect(Date.parse(state.nextPollAt)).toBeGreaterThan(Date.parse(state.lastPolledAt!));
  });

  it('polls Atom and publishes its content with every author and the updated time', async () => {
    const id = `urn:uuid:${randomUUID()}`;
    const { url } = server.serve({
      contentType: 'application/atom+xml',
      body: `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom test wire</title><id>urn:uuid:${randomUUID()}</id><updated>2026-03-04T10:00:00Z</updated>
  <entry>
    <title>Port of Marseille reopens after strike</title>
    <id>${id}</id>
    <link rel="alternate" href="https://atom.example/marseille"/>
    <published>2026-03-04T08:00:00Z</published>
    <updated>2026-03-04T09:30:00Z</updated>
    <author><name>Claire Dubois</name><email>claire@atom.example</email></author>
    <author><name>Jean Martin</name></author>
    <category term="europe" label="Europe"/>
    <summary>Dockers end a three-week strike.</summary>
    <content type="html">&lt;p&gt;MARSEILLE (AFP) - The port reopened on Wednesday.&lt;/p&gt;&lt;ol&gt;&lt;li&gt;Ferries first.&lt;/li&gt;&lt;li&gt;Cargo next.&lt;/li&gt;&lt;/ol&gt;</content>
  </entry>
</feed>`,
    });
    await registered({ kind: 'atom', url });
    const article = await atGateway(id);
    expect(article).toMatchObject({
      headline: 'Port of Marseille reopens after strike',
      standfirst: 'Dockers end a three-week strike.',
      byline: 'Claire Dubois and Jean Martin',
      dateline: 'MARSEILLE (AFP) -',
      tags: ['Europe'],
      canonicalUrl: 'https://atom.example/marseille',
      publishedAt: '2026-03-04T08:00:00.000Z',
    });
    expect(article.blocks).toEqual([
      { type: 'paragraph', text: 'The port reopened on Wednesday.' },
      { type: 'list', ordered: true, items: ['Ferries first.', 'Cargo next.'] },
    ]);
    expect(JSON.stringify(article)).not.toContain('claire@atom.example');
  });

  it('polls a JSON Feed and publishes content_html', async () => {
    const id = `json-${randomUUID()}`;
    const { url } = server.serve({
      contentType: 'application/feed+json',
      body: JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: 'JSON test wire',
        language: 'en',
        items: [
          {
            id,
            url: 'https://json.example/lisbon-bridge',
            title: 'Lisbon bridge reopens',
            content_html:
              '<p>LISBON, March 5 - The bridge reopened on Monday after two years of repairs.</p><blockquote>It is a relief.</blockquote>',
            date_published: '2026-03-05T10:00:00Z',
            authors: [{ name: 'Rui Costa' }],
            tags: ['transport'],
          },
        ],
      }),
    });
    await registered({ kind: 'jsonfeed', url });
    const article = await atGateway(id);
    expect(article).toMatchObject({
      headline: 'Lisbon bridge reopens',
      byline: 'Rui Costa',
      dateline: 'LISBON, March 5 -',
      tags: ['transport'],
      canonicalUrl: 'https://json.example/lisbon-bridge',
    });
    expect(article.blocks).toEqual([
      { type: 'paragraph', text: 'The bridge reopened on Monday after two years of repairs.' },
      { type: 'quote', text: 'It is a relief.' },
    ]);
  });

  it('sends If-None-Match and If-Modified-Since from the last 200, and a 304 republishes nothing', async () => {
    const guid = `conditional-${randomUUID()}`;
    const lastModified = 'Wed, 04 Mar 2026 10:00:00 GMT';
    const { url, feed } = server.serve(
      rssFeed([{ guid, title: 'Conditional GET story', html: paragraph('conditional') }], { etag: '"v1"', lastModified }),
    );
    const source = await registered({ kind: 'rss', url });
    await atGateway(guid);
    await morePolls(feed, 3);

    const [first, ...later] = feed.requests.filter((request) => request.finishedAt);
    expect(first).toMatchObject({ status: 200, ifNoneMatch: undefined, ifModifiedSince: undefined });
    expect(later.length).toBeGreaterThanOrEqual(3);
    for (const request of later) expect(request).toMatchObject({ status: 304, ifNoneMatch: '"v1"', ifModifiedSince: lastModified });
    expect(submissionsOf(guid)).toHaveLength(1);
    expect(await sourceState(source.id)).toMatchObject({
      etag: '"v1"',
      lastModified,
      status: 'healthy',
      entries: { inFeed: 1, published: 1, rejected: 0 },
    });
  });

  it('republishes a changed entry as a new version and never an unchanged one', async () => {
    const changing = `changing-${randomUUID()}`;
    const steady = `steady-${randomUUID()}`;
    const items = (body: string) => [
      { guid: changing, title: 'Bridge repairs start', html: body },
      { guid: steady, title: 'Museum opens late on Fridays', html: paragraph('steady') },
    ];
    // No validators: every poll reads the whole feed, so only the fingerprints keep the unchanged entries out.
    const { url, feed } = server.serve(rssFeed(items('<p>PORTO - Repairs to the bridge start on Monday.</p>')));
    await registered({ kind: 'rss', url });
    await atGateway(changing);
    await atGateway(steady);
    await morePolls(feed, 3);
    expect(submissionsOf(changing)).toHaveLength(1);
    expect(submissionsOf(steady)).toHaveLength(1);

    feed.body = rss(items('<p>PORTO - Repairs to the bridge start on Tuesday, a day late.</p>'));
    const revised = await atGateway(changing, (article) => expect(article.version).toBe(2));
    expect(revised.blocks.map(({ type, text }) => ({ type, text }))).toEqual([
      { type: 'paragraph', text: 'Repairs to the bridge start on Tuesday, a day late.' },
    ]);
    await morePolls(feed, 2);
    expect(submissionsOf(changing)).toHaveLength(2);
    expect(submissionsOf(steady)).toHaveLength(1);
    expect((await atGateway(steady)).version).toBe(1);
  });

  it('backs off a failing feed, marks it unhealthy with its last error, and recovers', async () => {
    const guid = `recovering-${randomUUID()}`;
    const { url, feed } = server.serve({ ...rssFeed([{ guid, title: 'Recovered story', html: paragraph('recovery') }]), failWith: 500 });
    const source = await registered({ kind: 'rss', url });

    const failing = await eventually(
      async () => {
        const state = await sourceState(source.id);
        expect(state).toMatchObject({ status: 'unhealthy', lastError: 'HTTP 500 Internal Server Error' });
        expect(state.consecutiveFailures).toBeGreaterThanOrEqual(3);
        return state;
      },
      { timeoutMs: 30_000 },
    );
    // Backed off: twice the 1 s interval, capped at SOURCE_MAX_BACKOFF_SECONDS (2 s).
    expect(Date.parse(failing.nextPollAt) - Date.parse(failing.lastPolledAt!)).toBe(2000);
    expect(failing.lastSuccessAt).toBeNull();
    const listed = await getJson<{ items: SourceView[] }>(`${ingest()}/v1/sources`, auth);
    expect(listed.body.items.find((item) => item.id === source.id)).toMatchObject({
      status: 'unhealthy',
      lastError: 'HTTP 500 Internal Server Error',
    });
    expect(submissionsOf(guid)).toHaveLength(0);

    feed.failWith = undefined;
    await atGateway(guid);
    const recovered = await eventually(async () => {
      const state = await sourceState(source.id);
      expect(state).toMatchObject({ status: 'healthy', consecutiveFailures: 0 });
      return state;
    });
    expect(Date.parse(recovered.lastSuccessAt!)).toBeGreaterThan(Date.parse(recovered.lastErrorAt!));
    expect(recovered.lastError).toBe('HTTP 500 Internal Server Error');
  });

  it('records an unreadable feed as a failure with the reason', async () => {
    const { url } = server.serve({ body: '<html><body>Moved to a new site</body></html>', contentType: 'text/html' });
    const source = await registered({ kind: 'rss', url });
    await eventually(async () => {
      const state = await sourceState(source.id);
      expect(state.consecutiveFailures).toBeGreaterThanOrEqual(1);
      expect(state.lastError).toMatch(/^not a readable RSS or Atom feed/);
    });
  });

  it('stops polling a deleted source', async () => {
    const { url, feed } = server.serve(rssFeed([{ guid: `deleted-${randomUUID()}`, title: 'Soon deleted', html: paragraph('deleted') }]));
    const control = server.serve(rssFeed([{ guid: `control-${randomUUID()}`, title: 'Still polled', html: paragraph('control') }]));
    const source = await registered({ kind: 'rss', url });
    await registered({ kind: 'rss', url: control.url });
    await morePolls(feed, 2);

    expect((await remove(source.id)).status).toBe(204);
    const deletedAt = Date.now();
    // While the other feed is polled several more times, the deleted one is not polled again.
    await morePolls(control.feed, 3);
    expect(feed.requests.filter((request) => request.startedAt > deletedAt + 100)).toEqual([]);
    expect((await getJson(`${ingest()}/v1/sources/${source.id}`, auth)).status).toBe(404);
    expect((await remove(source.id)).status).toBe(404);
  });

  it('validates registrations and keeps each source to its own feeds', async () => {
    const unauthenticated = await register({ name: 'x', kind: 'rss', url: 'https://wire.example/rss' }, {} as typeof auth);
    expect(unauthenticated.status).toBe(401);

    const invalid = await register({ name: ' ', kind: 'xml', url: 'ftp://wire.example/rss', intervalSeconds: 0, extra: true });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error.code).toBe('REQUEST.VALIDATION_FAILED');
    expect(invalid.body.error.fields!.map((field) => field.field).sort()).toEqual(['extra', 'intervalSeconds', 'kind', 'name', 'url']);
    for (const intervalSeconds of [1.5, 'often', 86_401]) {
      const response = await register({ name: 'x', kind: 'rss', url: 'https://wire.example/rss', intervalSeconds });
      expect(response.status).toBe(400);
      expect(response.body.error.fields).toEqual([{ field: 'intervalSeconds', problems: [expect.any(String)] }]);
    }
    expect((await register({ kind: 'rss', url: 'https://wire.example/rss' })).body.error.fields).toEqual([
      { field: 'name', problems: [expect.any(String)] },
    ]);

    // The same url again is the same registration, updated: not a second poller.
    const { url } = server.serve({ ...rssFeed([]), failWith: 404 });
    const first = await registered({ kind: 'rss', url, intervalSeconds: 60 });
    const again = await register({ name: 'Renamed', kind: 'rss', url, intervalSeconds: 120 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, name: 'Renamed', intervalSeconds: 120 });
    const mine = await getJson<{ items: SourceView[] }>(`${ingest()}/v1/sources`, auth);
    expect(mine.body.items.filter((item) => item.url === url)).toHaveLength(1);

    // Another key's source neither sees nor removes it.
    const theirs = await getJson<{ items: SourceView[] }>(`${ingest()}/v1/sources`, otherAuth);
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.map((item) => item.id)).not.toContain(first.id);
    expect((await remove(first.id, otherAuth)).status).toBe(403);
    expect((await getJson(`${ingest()}/v1/sources/${first.id}`, otherAuth)).status).toBe(403);
    expect((await remove(randomUUID())).status).toBe(404);
    expect((await getJson(`${ingest()}/v1/sources/${first.id}`, auth)).status).toBe(200);
    expect((await remove(first.id)).status).toBe(204);
  });

  it('polls each source from one replica at a time when ingest runs twice, and publishes each entry once', async () => {
    const replica = await system.addReplica('ingest');
    const guids = [0, 1, 2].map((i) => `replicated-${i}-${randomUUID()}`);
    const { url, feed } = server.serve(
      rssFeed(guids.map((guid, i) => ({ guid, title: `Replicated story number ${i}`, html: paragraph(guid) }))),
    );
    await registered({ kind: 'rss', url });
    await morePolls(feed, 8);

    const requests = feed.requests.filter((request) => request.finishedAt).sort((a, b) => a.startedAt - b.startedAt);
    for (let i = 1; i < requests.length; i++) {
      // One fetch at a time, and the next only an interval (1 s) after the previous poll ended.
      expect(requests[i].startedAt).toBeGreaterThanOrEqual(requests[i - 1].finishedAt!);
      expect(requests[i].startedAt - requests[i - 1].startedAt).toBeGreaterThanOrEqual(950);
    }
    for (const guid of guids) {
      expect((await atGateway(guid)).version).toBe(1);
      expect(submissionsOf(guid)).toHaveLength(1);
    }

    // A replica stopped with SIGTERM exits cleanly and leaves the source to the other one.
    expect((await replica.stop('SIGTERM')).code).toBe(0);
    await morePolls(feed, 2);
  }, 120_000);
});

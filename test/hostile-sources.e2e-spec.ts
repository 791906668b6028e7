import { articleIdFor } from '@frontpage/contracts';
import { eventually, getJson, postJson, TEST_INGEST_KEY, TEST_SOURCE, TestSystem } from '@frontpage/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { escapeXml } from '../apps/gateway/src/syndication/syndication';
import { randomProse, SeededRandom } from '../scripts/chaos/random';
import { anArticle, submit } from './articles.fixture';
import { gainedMarkers, markerCounts } from './hostile/active-markup';
import { HOSTILE_STRINGS } from './hostile/hostile-strings';

jest.setTimeout(240_000);

const auth = { authorization: `Bearer ${TEST_INGEST_KEY}` };
const random = new SeededRandom(2026);
const prose = (words = 40) => randomProse(random, words);

/** Text as a well-formed feed carries it: the gateway's own escaping, which leaves out what XML 1.0 forbids. */
const xmlText = escapeXml;
/** Raw markup in a CDATA section (what XML forbids left out), split where it holds the section's own end. */
const cdata = (html: string) =>
  `<![CDATA[${html.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

/** Each corpus string as a feed item would carry it: in its title, author, category and HTML content. */
function rssOf(tag: string): string {
  const items = HOSTILE_STRINGS.map(
    (hostile, index) => `<item>
  <title>${xmlText(hostile.slice(0, 250))}</title>
  <link>https://wire.example/${tag}/${index}</link>
  <guid isPermaLink="false">${tag}-rss-${index}</guid>
  <dc:creator>${xmlText(hostile.slice(0, 150))}</dc:creator>
  <category>${xmlText(hostile.slice(0, 60))}</category>
  <description>${cdata(`<p>${hostile}</p>`)}</description>
  <content:encoded>${cdata(`<p>${hostile}</p><p>${prose()}</p><p>${prose()}</p>`)}</content:encoded>
</item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Hostile wire</title><link>https://wire.example/</link><description>Hostile</description>
${items.join('\n')}
</channel></rss>`;
}

function atomOf(tag: string): string {
  const entries = HOSTILE_STRINGS.map(
    (hostile, index) => `<entry>
  <title type="text">${xmlText(hostile.slice(0, 250))}</title>
  <id>urn:${tag}:atom:${index}</id>
  <link rel="alternate" href="https://atom.example/${tag}/${index}"/>
  <updated>2026-03-04T09:30:00Z</updated>
  <author><name>${xmlText(hostile.slice(0, 150))}</name></author>
  <category term="${xmlText(hostile.slice(0, 60))}"/>
  <summary type="html">${xmlText(`<p>${hostile}</p>`)}</summary>
  <content type="html">${xmlText(`<p>${hostile}</p><p>${prose()}</p><p>${prose()}</p>`)}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile Atom wire</title><id>urn:${tag}:atom</id><updated>2026-03-04T10:00:00Z</updated>
${entries.join('\n')}
</feed>`;
}

/** A whole page as a hostile site would serve it: the string raw in its title, headline and text. */
const pageOf = (hostile: string) => `<!doctype html>
<html><head><title>${hostile}</title><meta property="og:title" content="${hostile.replace(/"/g, '&quot;')}"></head>
<body><header><nav>Home | World</nav></header>
<article><h1>${hostile}</h1><p class="byline">By ${hostile}</p><p>${hostile}</p><p>${prose(60)}</p><p>${prose(60)}</p><p>${prose(60)}</p></article>
<footer>Hostile site</footer></body></html>`;

/**
 * The corpus through ingest's ways in other than `POST /v1/articles`: the RSS and Atom feeds it polls
 * (parsed by rss-parser, HTML content sanitised) and whole pages (`POST /v1/pages`, Readability). Every
 * item becomes a story or is counted as rejected, none is lost, nothing answers 5xx, and every story
 * is stored, served as JSON that parses and rendered without anything active.
 */
describe('hostile input through polled feeds and whole pages (five services as processes)', () => {
  let system: TestSystem;
  let server: Server;
  const documents = new Map<string, { type: string; body: string }>();
  const tag = randomUUID().slice(0, 8);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const served = documents.get(request.url ?? '');
      if (!served) response.writeHead(404).end();
      else response.writeHead(200, { 'content-type': served.type }).end(served.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    system = await TestSystem.start('hostile-sources', undefined, { SOURCE_MIN_INTERVAL_SECONDS: '1', SOURCE_POLL_TICK_MS: '200' });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  const gateway = () => system.url('gateway');
  const serve = (path: string, type: string, body: string) => {
    documents.set(path, { type, body });
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`;
  };
  const page = async (path: string) => {
    const response = await fetch(`${gateway()}${path}`, { headers: { accept: 'text/html' }, signal: AbortSignal.timeout(10_000) });
    return { status: response.status, text: await response.text() };
  };
  /** What a benign article's page holds that is active (the template's own). */
  const baselineOfArticlePage = async () => {
    const accepted = await submit(system.url('ingest'), anArticle());
    const slug = await eventually(async () => {
      const stored = await getJson<{ slug: string }>(`${system.url('article')}/v1/articles/${accepted.body.id}`);
      expect(stored.status).toBe(200);
      return stored.body.slug;
    });
    return eventually(async () => {
      const html = await page(`/articles/${slug}`);
      expect(html.status).toBe(200);
      return markerCounts(html.text);
    });
  };
  /** Each story stored, its JSON parsing at the gateway, its page 200 and inert: the problems found. */
  const servedInert = async (ids: string[], baseline: Record<string, number>) => {
    const problems: string[] = [];
    for (const id of ids) {
      const stored = await getJson<{ slug: string }>(`${system.url('article')}/v1/articles/${id}`);
      if (stored.status !== 200) {
        problems.push(`${id}: not stored (${stored.status})`);
        continue;
      }
      const json = await fetch(`${gateway()}/v1/articles/${encodeURIComponent(stored.body.slug)}`);
      if (json.status !== 200) problems.push(`${id}: JSON ${json.status}`);
      else JSON.parse(await json.text());
      const html = await page(`/articles/${encodeURIComponent(stored.body.slug)}`);
      if (html.status !== 200) problems.push(`${id}: page ${html.status}`);
      for (const gained of gainedMarkers(baseline, html.text)) problems.push(`${id}: the page gained ${gained}`);
    }
    return problems;
  };

  it.each([
    ['an RSS', 'rss', 'application/rss+xml; charset=utf-8', rssOf],
    ['an Atom', 'atom', 'application/atom+xml; charset=utf-8', atomOf],
  ] as const)(
    'polls %s feed whose items carry the corpus: each a story or rejected, none lost, all served inert',
    async (_name, kind, type, documentOf) => {
      const baseline = await baselineOfArticlePage();
      const url = serve(`/${kind}-${tag}`, type, documentOf(tag));
      const registered = await postJson<{ id: string }>(
        `${system.url('ingest')}/v1/sources`,
        { name: `Hostile ${kind}`, kind, url, intervalSeconds: 60 },
        auth,
      );
      expect(registered.status).toBe(201);

      const entries = await eventually(
        async () => {
          const state = await getJson<{ entries: { inFeed: number; published: number; rejected: number } }>(
            `${system.url('ingest')}/v1/sources/${registered.body.id}`,
            auth,
          );
          expect(state.body.entries.inFeed).toBe(HOSTILE_STRINGS.length);
          expect(state.body.entries.published + state.body.entries.rejected).toBe(HOSTILE_STRINGS.length);
          return state.body.entries;
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
      // Refused: the items whose title is nothing but markup (docs/RELIABILITY.md); most have text.
      expect(entries.published).toBeGreaterThanOrEqual(HOSTILE_STRINGS.length / 2);

      const entryIds = HOSTILE_STRINGS.map((_, index) => (kind === 'rss' ? `${tag}-rss-${index}` : `urn:${tag}:atom:${index}`));
      const ids = await eventually(
        async () => {
          const found: string[] = [];
          for (const entryId of entryIds) {
            const id = articleIdFor(TEST_SOURCE, entryId);
            if ((await getJson(`${system.url('article')}/v1/articles/${id}`)).status === 200) found.push(id);
          }
          expect(found).toHaveLength(entries.published);
          return found;
        },
        { timeoutMs: 60_000, intervalMs: 1000 },
      );
      expect(await servedInert(ids, baseline)).toEqual([]);
    },
  );

  it('takes whole hostile pages: each a story, or refused with a 4xx, never a 5xx; the stories served inert', async () => {
    const baseline = await baselineOfArticlePage();
    const outcomes: { index: number; status: number; id?: string }[] = [];
    for (const [index, hostile] of HOSTILE_STRINGS.entries()) {
      const response = await fetch(
        `${system.url('ingest')}/v1/pages?url=${encodeURIComponent(`https://hostile.example/${tag}/${index}`)}`,
        { method: 'POST', headers: { 'content-type': 'text/html; charset=utf-8', ...auth }, body: pageOf(hostile) },
      );
      const body = (await response.json()) as { id?: string };
      outcomes.push({ index, status: response.status, id: body.id });
    }
    expect(outcomes.filter((outcome) => outcome.status >= 500)).toEqual([]);
    const accepted = outcomes.filter((outcome) => outcome.status === 202);
    expect(accepted.length).toBeGreaterThan(HOSTILE_STRINGS.length / 2);
    expect(outcomes.filter((outcome) => outcome.status !== 202 && (outcome.status < 400 || outcome.status >= 500))).toEqual([]);

    const ids = accepted.map((outcome) => outcome.id!);
    await eventually(
      async () => {
        for (const id of ids) expect((await getJson(`${system.url('article')}/v1/articles/${id}`)).status).toBe(200);
      },
      { timeoutMs: 60_000, intervalMs: 1000 },
    );
    expect(await servedInert(ids, baseline)).toEqual([]);
  });
});

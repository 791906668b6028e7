import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { normaliseArticle } from '../../apps/ingest/src/content/article-normaliser';
import { extractHtmlPage } from '../../apps/ingest/src/pages/html-page.extractor';
import { extractTextPage } from '../../apps/ingest/src/pages/text-page.extractor';
import type { ExtractedPage } from '../../apps/ingest/src/pages/extracted-page';
import { TEST_INGEST_KEY, TEST_SOURCE } from '../../libs/testing/src/test-system';
import { randomProse, SeededRandom } from '../chaos/random';
import { startBenchSystem } from './bench-system';
import { formatLoadRow, type LoadFigures, percentile } from './stats';

export interface IngestOptions {
  /** Seconds of measured work per extractor and per route. */
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  /** A fixed number of requests per route instead of a fixed time (smoke runs: every route answers at least this often). */
  requestsPerRoute?: number;
}

export interface ExtractionFigures {
  name: string;
  fixtures: number;
  pages: number;
  pagesPerSecond: number;
  meanMs: number;
  p99Ms: number;
}

export interface IngestResult {
  extraction: ExtractionFigures[];
  http: LoadFigures[];
  lines: string[];
}

const FIXTURES = resolve(__dirname, '../../test/fixtures/pages');
const HTML_FIXTURES = ['newspaper.html', 'magazine.html'];
const TEXT_FIXTURES = ['world-news-scraped.txt', 'wire-sidebar-first.txt', 'blog-post.txt'];
const PAGE_URL = 'https://news.example.com/world/story';

const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

/** Runs `work` round-robin over `inputs` for the warm-up, then for the measured time, timing each call. */
function timeLoop<T>(name: string, inputs: T[], work: (input: T) => unknown, options: IngestOptions): ExtractionFigures {
  const run = (seconds: number, record?: number[]) => {
    const until = performance.now() + seconds * 1000;
    for (let i = 0; performance.now() < until; i++) {
      const start = performance.now();
      if (work(inputs[i % inputs.length]) === undefined) throw new Error(`${name}: fixture ${i % inputs.length} gave nothing`);
      record?.push(performance.now() - start);
    }
  };
  run(options.warmupSeconds);
  const times: number[] = [];
  const started = performance.now();
  run(options.durationSeconds, times);
  const elapsed = (performance.now() - started) / 1000;
  const sorted = [...times].sort((a, b) => a - b);
  return {
    name,
    fixtures: inputs.length,
    pages: times.length,
    pagesPerSecond: times.length / elapsed,
    meanMs: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
    p99Ms: percentile(sorted, 99),
  };
}

/** The draft a page becomes in the pages service, so normalisation sees what it sees in production. */
function draftOf(page: ExtractedPage, i: number) {
  return {
    source: TEST_SOURCE,
    sourceId: `${PAGE_URL}-${i}`,
    headline: page.headline,
    standfirst: page.standfirst,
    bylines: page.byline ? [page.byline] : [],
    dateline: page.dateline,
    body: { format: 'html' as const, blocks: page.blocks },
    images: [],
    tags: [],
    canonicalUrl: page.canonicalUrl ?? `${PAGE_URL}-${i}`,
    language: page.language,
    publishedAt: page.publishedAt,
  };
}

export function formatExtractionRow(row: ExtractionFigures): string {
  return [
    row.name.padEnd(28),
    `${row.pagesPerSecond.toFixed(0).padStart(7)} pages/s`,
    `mean ${row.meanMs.toFixed(2).padStart(7)} ms`,
    `p99 ${row.p99Ms.toFixed(2).padStart(7)} ms`,
    `n ${row.pages} over ${row.fixtures} fixtures`,
  ].join('  ');
}

/** In-process extraction and normalisation, then ingest's HTTP routes under autocannon. */
export async function benchIngest(options: IngestOptions, say: (line: string) => void): Promise<IngestResult> {
  const htmlPages = HTML_FIXTURES.map(fixture);
  const textPages = TEXT_FIXTURES.map(fixture);
  say(`ingest: extraction in-process, ${options.warmupSeconds} s warm-up then ${options.durationSeconds} s each`);
  const extracted = [...htmlPages.map((html) => extractHtmlPage(html, PAGE_URL)), ...textPages.map(extractTextPage)];
  if (extracted.some((page) => page === undefined)) throw new Error('a fixture no longer yields a story');
  const drafts = extracted.map((page, i) => draftOf(page!, i));
  const receivedAt = new Date();
  const extraction = [
    timeLoop('extract html (Readability)', htmlPages, (html) => extractHtmlPage(html, PAGE_URL), options),
    timeLoop('extract text', textPages, (text) => extractTextPage(text), options),
    timeLoop('normalise extracted page', drafts, (draft) => normaliseArticle(draft, receivedAt), options),
  ];

  const system = await startBenchSystem('bench-ingest', ['ingest']);
  try {
    const ingest = system.url('ingest');
    const random = new SeededRandom(17);
    // Distinct articles, made before the load so that generating them costs the load nothing.
    const bodies = Array.from({ length: 200 }, () => ({
      headline: randomProse(random, 7),
      body: [randomProse(random, 70), randomProse(random, 60), randomProse(random, 50)].join('\n\n'),
    }));
    let sequence = 0;
    const headers = { authorization: `Bearer ${TEST_INGEST_KEY}` };
    const articleRequest: autocannon.Request = {
      method: 'POST',
      path: '/v1/articles',
      headers: { ...headers, 'content-type': 'application/json' },
      setupRequest: (request) => {
        const i = sequence++;
        const { headline, body } = bodies[i % bodies.length];
        return {
          ...request,
          body: JSON.stringify({
            source: TEST_SOURCE,
            sourceId: `bench-ingest-${system.runId}-${i}`,
            headline: `${headline} ${i}`,
            body: `${body}\n\nUpdate ${i}.`,
            section: 'world',
            tags: ['bench'],
          }),
        };
      },
    };
    const pageRequest = (file: string, contentType: string): autocannon.Request => {
      const page = fixture(file);
      return {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        setupRequest: (request) => ({
          ...request,
          path: `/v1/pages?url=${encodeURIComponent(`${PAGE_URL}-${system.runId}-${sequence++}`)}`,
          body: page,
        }),
      };
    };
    const routes: [string, autocannon.Request][] = [
      ['POST /v1/articles (json)', articleRequest],
      ['POST /v1/pages (html)', pageRequest('newspaper.html', 'text/html')],
      ['POST /v1/pages (text)', pageRequest('world-news-scraped.txt', 'text/plain')],
    ];
    say(
      `ingest: HTTP, ${options.connections} connections, ${options.durationSeconds} s per route (after ${options.warmupSeconds} s warm-up)`,
    );
    const http: LoadFigures[] = [];
    for (const [name, request] of routes) {
      const load = (seconds: number) =>
        autocannon({
          url: ingest,
          connections: options.connections,
          requests: [request],
          ...(options.requestsPerRoute ? { amount: options.requestsPerRoute } : { duration: seconds }),
        });
      if (options.warmupSeconds > 0 && !options.requestsPerRoute) await load(options.warmupSeconds);
      const result = await load(options.durationSeconds);
      http.push({
        name,
        // Completed requests over the run's length: autocannon's per-second average reads 0 on runs of a second or two.
        requestsPerSecond: result.requests.total / Math.max(0.001, result.duration),
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
      });
    }
    return { extraction, http, lines: [...extraction.map(formatExtractionRow), ...http.map(formatLoadRow)] };
  } finally {
    await system.stop();
  }
}

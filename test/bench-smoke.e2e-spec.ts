import mongoose from 'mongoose';
import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

interface LoadRow {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

interface Delays {
  count: number;
  p50: number;
  p99: number;
  max: number;
  sent: number;
  throughput: number;
}

interface ExtractionRow {
  name: string;
  pages: number;
  pagesPerSecond: number;
  meanMs: number;
  p99Ms: number;
}

interface GrowthRow {
  size: number;
  query: string;
  count: number;
  p50Ms: number;
  p99Ms: number;
  timedOut: boolean;
}

interface PlanRow {
  size: number;
  query: string;
  collection: string;
  indexed: boolean | null;
  plan: string;
}

function bench(args: string[], timeoutMs: number): Promise<string> {
  return new Promise<string>((done, fail) => {
    execFile(
      process.execPath,
      [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bench/cli.ts', ...args],
      { cwd: ROOT, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stdout}\n${stderr}`)) : done(stdout)),
    );
  });
}

function jsonReport<T>(output: string): T {
  const json = output.split('\n').find((line) => line.startsWith('BENCH_JSON '));
  return JSON.parse(json!.slice('BENCH_JSON '.length)) as T;
}

/** `npm run bench -- --smoke`: the benchmarks still run and print well-formed figures. No timing is asserted. */
describe('npm run bench -- --smoke', () => {
  it('prints the reads table, the pipeline delays, the ingest figures and one JSON report', async () => {
    const output = await bench(['all', '--smoke', '--json'], 230_000);
    for (const label of ['gateway feed', 'bare fastify feed', 'gateway article', 'bare fastify article']) {
      expect(output).toMatch(new RegExp(`^${label}\\s+\\d+ req/s\\s+p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms`, 'm'));
    }
    expect(output).toMatch(/^ratio feed \(gateway\/bare\)\s+\d+\.\d{2,3}$/m);
    expect(output).toMatch(/^services: POST → gateway feed\s+n\s+\d+\s+p50\s+\d+ ms\s+p99\s+\d+ ms\s+max\s+\d+ ms$/m);
    expect(output).toMatch(/^raw: produce → consume → write\s+n\s+\d+/m);
    // Where the CPU went, per article, from /proc: each service the bench started, and the total.
    expect(output).toMatch(
      /^cpu per article \(ms\)\s+(?=.*\bingest \d+\.\d)(?=.*\barticle \d+\.\d)(?=.*\bfeed \d+\.\d).*total \d+\.\d ms$/m,
    );

    for (const label of ['extract html \\(Readability\\)', 'extract text', 'normalise extracted page']) {
      expect(output).toMatch(new RegExp(`^${label}\\s+\\d+ pages/s\\s+mean\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms\\s+n \\d+`, 'm'));
    }
    for (const label of ['POST /v1/articles \\(json\\)', 'POST /v1/pages \\(html\\)', 'POST /v1/pages \\(text\\)']) {
      expect(output).toMatch(new RegExp(`^${label}\\s+\\d+ req/s\\s+p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms\\s+non-2xx \\d+`, 'm'));
    }

    const report = jsonReport<{
      smoke: boolean;
      reads: { rows: LoadRow[]; ratios: { route: string; ratio: number }[] };
      pipeline: { services: Delays & { visible: number }; raw: Delays };
      ingest: { extraction: ExtractionRow[]; http: LoadRow[] };
    }>(output);
    expect(report.smoke).toBe(true);
    expect(report.reads.rows).toHaveLength(4);
    for (const row of report.reads.rows) {
      for (const figure of [row.requestsPerSecond, row.p50Ms, row.p99Ms]) expect(Number.isFinite(figure) && figure >= 0).toBe(true);
      expect(row.non2xx + row.errors).toBe(0);
    }
    expect(report.reads.ratios.map((r) => r.route)).toEqual(['feed', 'article']);
    // Every article posted was seen in the feed, and every raw message written: the delays describe all of them.
    expect(report.pipeline.services.visible).toBe(report.pipeline.services.sent);
    expect(report.pipeline.raw.count).toBe(report.pipeline.raw.sent);
    for (const d of [report.pipeline.services, report.pipeline.raw]) {
      expect(d.sent).toBeGreaterThan(0);
      for (const figure of [d.p50, d.p99, d.max]) expect(Number.isFinite(figure) && figure >= 0).toBe(true);
      expect(d.p50).toBeLessThanOrEqual(d.p99);
      expect(d.p99).toBeLessThanOrEqual(d.max);
    }
    expect(report.ingest.extraction.map((row) => row.name)).toEqual([
      'extract html (Readability)',
      'extract text',
      'normalise extracted page',
    ]);
    for (const row of report.ingest.extraction) {
      expect(row.pages).toBeGreaterThan(0);
      for (const figure of [row.pagesPerSecond, row.meanMs, row.p99Ms]) expect(Number.isFinite(figure) && figure > 0).toBe(true);
    }
    expect(report.ingest.http.map((row) => row.name)).toEqual([
      'POST /v1/articles (json)',
      'POST /v1/pages (html)',
      'POST /v1/pages (text)',
    ]);
    for (const row of report.ingest.http) {
      // Every article was distinct and accepted: a 4xx or 5xx here means the load measured refusals.
      expect(row.requestsPerSecond).toBeGreaterThan(0);
      expect(row.non2xx + row.errors).toBe(0);
    }
  }, 240_000);

  it('growth: seeds the feed store, times every route, explains every query and drops its database', async () => {
    const output = await bench(['growth', '--smoke', '--sizes', '100,200', '--requests', '1', '--json'], 220_000);
    const report = jsonReport<{ growth: { rows: GrowthRow[]; plans: PlanRow[]; seeding: { size: number; feedItems: number }[] } }>(output);
    const queries = [
      'latest, first page',
      'latest, deep cursor',
      'by section',
      'by tag',
      'related',
      'search, common term',
      'search, rare term',
      'most commented',
    ];
    expect(report.growth.seeding.map((s) => [s.size, s.feedItems])).toEqual([
      [100, 100],
      [200, 100],
    ]);
    for (const size of [100, 200]) {
      const rows = report.growth.rows.filter((row) => row.size === size);
      expect(rows.map((row) => row.query)).toEqual(queries);
      for (const row of rows) {
        expect(row.timedOut).toBe(false);
        expect(row.count).toBeGreaterThan(0);
        expect(row.p50Ms).toBeGreaterThan(0);
        expect(row.p50Ms).toBeLessThanOrEqual(row.p99Ms);
      }
      const plans = report.growth.plans.filter((plan) => plan.size === size);
      expect(plans.length).toBeGreaterThanOrEqual(10);
      for (const plan of plans) {
        expect(plan.plan.length).toBeGreaterThan(0);
        expect([true, false, null]).toContain(plan.indexed);
      }
    }
    for (const query of queries) expect(output).toMatch(new RegExp(`^growth ${query}\\s+.+\\(\\d+\\).+x[\\d.]+$`, 'm'));
    expect(output).toMatch(/^plan latest: one hour\s+(INDEX|SCAN|\?)\s+\S/m);

    const database = /database (bench-growth-\S+);/.exec(output)![1];
    const connection = await mongoose.createConnection(process.env.MONGODB_URI!).asPromise();
    try {
      const { databases } = await connection.db!.admin().listDatabases();
      expect(databases.map((d) => d.name)).not.toContain(database);
    } finally {
      await connection.close();
    }
  }, 230_000);
});

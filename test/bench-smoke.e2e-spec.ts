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

/** `npm run bench -- --smoke`: the benchmarks still run and print well-formed figures. No timing is asserted. */
describe('npm run bench -- --smoke', () => {
  it('prints the reads table, the pipeline delays and one JSON report', async () => {
    const output = await new Promise<string>((done, fail) => {
      execFile(
        process.execPath,
        [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/bench/cli.ts', 'all', '--smoke', '--json'],
        { cwd: ROOT, timeout: 170_000, maxBuffer: 16 * 1024 * 1024 },
        (error, stdout, stderr) => (error ? fail(new Error(`${error.message}\n${stdout}\n${stderr}`)) : done(stdout)),
      );
    });
    for (const label of ['gateway feed', 'bare fastify feed', 'gateway article', 'bare fastify article']) {
      expect(output).toMatch(new RegExp(`^${label}\\s+\\d+ req/s\\s+p50\\s+[\\d.]+ ms\\s+p99\\s+[\\d.]+ ms`, 'm'));
    }
    expect(output).toMatch(/^ratio feed \(gateway\/bare\)\s+\d+\.\d{2,3}$/m);
    expect(output).toMatch(/^services: POST → gateway feed\s+n\s+\d+\s+p50\s+\d+ ms\s+p99\s+\d+ ms\s+max\s+\d+ ms$/m);
    expect(output).toMatch(/^raw: produce → consume → write\s+n\s+\d+/m);

    const json = output.split('\n').find((line) => line.startsWith('BENCH_JSON '));
    const report = JSON.parse(json!.slice('BENCH_JSON '.length)) as {
      smoke: boolean;
      reads: { rows: LoadRow[]; ratios: { route: string; ratio: number }[] };
      pipeline: { services: Delays & { visible: number }; raw: Delays };
    };
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
  }, 180_000);
});

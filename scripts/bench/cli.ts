/**
 * `npm run bench` (reads, pipeline, then ingest), `npm run bench:reads`, `npm run bench:pipeline`,
 * `npm run bench:ingest`, `npm run bench:growth` (not part of `all`: it seeds up to a million articles).
 * Options: --smoke (seconds, for npm test: proves the figures are produced, measures nothing),
 * --duration S, --connections N (reads, ingest), --rate N (pipeline, articles/s), --ramp 10,25,50,100 (pipeline:
 * one run per rate, and the highest sustained), --gateway-list-ttl MS (pipeline: the gateway's list cache TTL),
 * --sizes 10000,100000,1000000 and --requests N (growth), --json (one JSON line at the end).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { runCli } from '../run-cli';
import { benchGrowth } from './growth';
import { benchIngest } from './ingest';
import { benchPipeline, benchPipelineRamp } from './pipeline';
import { benchReads } from './reads';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      smoke: { type: 'boolean', default: false },
      duration: { type: 'string' },
      connections: { type: 'string' },
      rate: { type: 'string' },
      sizes: { type: 'string' },
      requests: { type: 'string' },
      ramp: { type: 'string' },
      'gateway-list-ttl': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  const which = positionals[0] ?? 'all';
  if (!['all', 'reads', 'pipeline', 'ingest', 'growth'].includes(which)) {
    process.stderr.write(
      'usage: tsx scripts/bench/cli.ts all|reads|pipeline|ingest|growth [--smoke] [--duration S] [--connections N] [--rate N]' +
        ' [--sizes N,N,...] [--requests N] [--json]\n',
    );
    return 2;
  }
  const smoke = values.smoke ?? false;
  const duration = Number(values.duration ?? (smoke ? 2 : 10));
  say(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, ` +
      `load ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}; node ${process.version}${smoke ? '; SMOKE RUN: figures are not measurements' : ''}`,
  );
  const report: Record<string, unknown> = { smoke, node: process.version, cpus: cpus().length, loadavg: loadavg() };
  if (which === 'all' || which === 'reads') {
    const reads = await benchReads(
      { durationSeconds: duration, connections: Number(values.connections ?? (smoke ? 2 : 10)), articles: smoke ? 3 : 30 },
      say,
    );
    reads.lines.forEach((line) => say(line));
    report.reads = { rows: reads.rows, ratios: reads.ratios };
  }
  const gatewayListTtlMs = values['gateway-list-ttl'] === undefined ? undefined : Number(values['gateway-list-ttl']);
  if ((which === 'all' || which === 'pipeline') && values.ramp === undefined) {
    const rate = Number(values.rate ?? (smoke ? 5 : 50));
    const pipeline = await benchPipeline({ rate, durationSeconds: duration, gatewayListTtlMs }, say);
    pipeline.lines.forEach((line) => say(line));
    report.pipeline = { services: pipeline.services, feedService: pipeline.feedService, raw: pipeline.raw, stages: pipeline.stages };
  }
  if (which === 'pipeline' && values.ramp !== undefined) {
    const rates = values.ramp.split(',').map(Number);
    if (rates.some((rate) => !(rate > 0))) throw new Error(`--ramp must be positive rates, e.g. 10,25,50,100 (got ${values.ramp})`);
    const ramp = await benchPipelineRamp({ rates, durationSeconds: duration, gatewayListTtlMs }, say);
    ramp.lines.forEach((line) => say(line));
    report.ramp = { steps: ramp.steps, sustainedRate: ramp.sustainedRate, gatewayListTtlMs: ramp.gatewayListTtlMs };
  }
  if (which === 'all' || which === 'ingest') {
    const ingest = await benchIngest(
      {
        durationSeconds: values.duration ? duration : smoke ? 1 : 5,
        warmupSeconds: smoke ? 0.2 : 2,
        connections: Number(values.connections ?? (smoke ? 2 : 10)),
        requestsPerRoute: smoke ? 6 : undefined,
      },
      say,
    );
    ingest.lines.forEach((line) => say(line));
    report.ingest = { extraction: ingest.extraction, http: ingest.http };
  }
  if (which === 'growth') {
    const sizes = (values.sizes ?? (smoke ? '200' : '10000,100000,1000000')).split(',').map(Number);
    if (sizes.some((size) => !Number.isInteger(size) || size < 100))
      throw new Error(`--sizes must be whole numbers ≥ 100 (got ${values.sizes})`);
    const growth = await benchGrowth({ sizes, requests: Number(values.requests ?? (smoke ? 2 : 50)), smoke }, say);
    growth.lines.forEach((line) => say(line));
    report.growth = { rows: growth.rows, plans: growth.plans, seeding: growth.seeding };
  }
  if (values.json) say(`BENCH_JSON ${JSON.stringify(report)}`);
  return 0;
}

runCli('bench', main);

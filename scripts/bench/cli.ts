/**
 * `npm run bench` (reads, then pipeline), `npm run bench:reads`, `npm run bench:pipeline`.
 * Options: --smoke (seconds, for npm test: proves the figures are produced, measures nothing),
 * --duration S, --connections N (reads), --rate N (pipeline, articles/s), --json (one JSON line at the end).
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { benchPipeline } from './pipeline';
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
      json: { type: 'boolean', default: false },
    },
  });
  const which = positionals[0] ?? 'all';
  if (!['all', 'reads', 'pipeline'].includes(which)) {
    process.stderr.write(
      'usage: tsx scripts/bench/cli.ts all|reads|pipeline [--smoke] [--duration S] [--connections N] [--rate N] [--json]\n',
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
  if (which !== 'pipeline') {
    const reads = await benchReads(
      { durationSeconds: duration, connections: Number(values.connections ?? (smoke ? 2 : 10)), articles: smoke ? 3 : 30 },
      say,
    );
    reads.lines.forEach((line) => say(line));
    report.reads = { rows: reads.rows, ratios: reads.ratios };
  }
  if (which !== 'reads') {
    const pipeline = await benchPipeline({ rate: Number(values.rate ?? (smoke ? 5 : 50)), durationSeconds: duration }, say);
    pipeline.lines.forEach((line) => say(line));
    report.pipeline = { services: pipeline.services, feedService: pipeline.feedService, raw: pipeline.raw };
  }
  if (values.json) say(`BENCH_JSON ${JSON.stringify(report)}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

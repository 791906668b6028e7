import { execFile } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

/**
 * A small `npm run chaos`: its own broker and store (never the shared ones), every service killed
 * once, the broker and the store restarted once; the harness exits 0 only when nothing was lost,
 * duplicated or miscounted and the dead-letter topics hold only the poison it injected.
 */
describe('npm run chaos (small)', () => {
  it('loses nothing, duplicates nothing and counts exactly through kills and restarts', async () => {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = execFile(
        process.execPath,
        [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/chaos/cli.ts', '--articles', '12', '--comments', '6', '--duration', '20'],
        { cwd: ROOT, timeout: 280_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, KAFKA_BROKERS: '', MONGODB_URI: '' } },
        (_error, stdout, stderr) => done({ code: child.exitCode, output: `${stdout}\n${stderr}` }),
      );
    });
    if (!output.includes('chaos summary')) throw new Error(`the harness printed no summary:\n${output.slice(-4000)}`);
    const summary = output.slice(output.indexOf('chaos summary'));
    for (const target of ['gateway', 'ingest', 'article', 'comment', 'feed', 'kafka', 'store'])
      expect(summary).toMatch(new RegExp(`disruptions .*${target}@`));
    const failures = summary
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    // First what must never happen: a lost, duplicated or miscounted article or comment, or a real message in a DLQ.
    expect(failures.filter((failure) => !/ answered \d{3} /.test(failure))).toEqual([]);
    // Then the answers while Kafka or the store was down: 503, never 500.
    expect(failures).toEqual([]);
    expect({ code, verdict: /verdict\s+PASS/.test(summary) }).toEqual({ code: 0, verdict: true });
  }, 300_000);
});

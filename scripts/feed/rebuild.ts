/**
 * `npm run feed:rebuild [-- --keep-old | --grace-seconds <n> | --status | --abort]`
 * Rebuilds the feed's projections from the topics into fresh collections and switches the running
 * feed replicas over while they keep serving (docs/operations.md). Runs the built feed code
 * (`npm run build` first), with the same environment as the feed service; KAFKA_BROKERS and
 * MONGODB_URI default to the local infrastructure's.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const ENTRY = join(ROOT, 'dist/apps/feed/src/rebuild.js');

/** KAFKA_BROKERS and MONGODB_URI of the local infrastructure (`npm run infra:up`), when not set. */
function localInfrastructure(): Record<string, string> {
  const file = join(ROOT, '.local/infra.env');
  if (!existsSync(file)) return {};
  const found: Record<string, string> = {};
  for (const match of readFileSync(file, 'utf8').matchAll(/^(KAFKA_BROKERS|MONGODB_URI)=(.+)$/gm)) found[match[1]] = match[2].trim();
  return found;
}

function main(): void {
  if (!existsSync(ENTRY)) {
    process.stderr.write('feed:rebuild: dist/ has no feed build; run npm run build first\n');
    process.exit(1);
  }
  const child = spawn(process.execPath, [ENTRY, ...process.argv.slice(2)], {
    cwd: ROOT,
    env: { ...localInfrastructure(), ...process.env },
    stdio: 'inherit',
  });
  // Ctrl-C reaches the child through the terminal's process group; SIGTERM may be sent to this process alone.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.once('exit', (code, signal) => process.exit(code ?? (signal ? 130 : 1)));
}

main();

/**
 * `npm run chaos -- [--articles N] [--comments N] [--seed N] [--duration S] [--keep-infra]`: on a Kafka
 * broker and a store of its own, runs the five services under load while killing each one, the broker
 * and the store, then checks that nothing was lost, duplicated or miscounted. Exits 1 if anything was.
 */
import { runCli } from '../run-cli';
import { CHAOS_USAGE, parseChaosOptions } from './options';
import { runChaos } from './run-chaos';

const say = (message: string) => process.stdout.write(`[chaos] ${message}\n`);

async function main(): Promise<number> {
  let options;
  try {
    options = parseChaosOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${CHAOS_USAGE}\n`);
    return 2;
  }
  const result = await runChaos(options, say);
  process.stdout.write(`\nchaos summary\n${result.lines.join('\n')}\n`);
  return result.failures.length === 0 ? 0 : 1;
}

runCli('chaos', main);

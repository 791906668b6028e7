/**
 * `npm run fuzz`: every route of the five services' OpenAPI documents, fuzzed by schemathesis against
 * an isolated run. Options: --examples N (per operation and phase; 200 by default), --seed N, --all (also
 * the operations in KNOWN_FAILURES), --checks a,b (schemathesis checks instead of CHECKS, e.g. `all`).
 * Exits 1 on any 5xx, undocumented status or content type, or a body that does not match its schema.
 */
import { parseArgs } from 'node:util';
import { runCli } from '../run-cli';
import { failureReport, runFuzz } from './fuzz';

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      examples: { type: 'string' },
      seed: { type: 'string' },
      all: { type: 'boolean', default: false },
      checks: { type: 'string' },
    },
  });
  const maxExamples = Number(values.examples ?? 200);
  const seed = Number(values.seed ?? 1);
  say(`fuzzing every documented route with schemathesis: up to ${maxExamples} examples per operation and phase, seed ${seed}`);
  const { results, reportDir } = await runFuzz({
    maxExamples,
    seed,
    label: 'fuzz',
    includeKnownFailures: values.all,
    checks: values.checks?.split(','),
    say,
  });
  const failed = results.filter((result) => result.exitCode !== 0);
  for (const result of failed) say(`\n${failureReport(result)}`);
  const cases = results.reduce((sum, result) => sum + result.cases, 0);
  say(`\n${cases} cases in all; JUnit reports in ${reportDir}`);
  say(`${results.length - failed.length} passed, ${failed.length} failed`);
  return failed.length === 0 ? 0 : 1;
}

runCli('fuzz', main);

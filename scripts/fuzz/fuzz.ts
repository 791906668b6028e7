import { join, resolve } from 'node:path';
import { fuzzTargets, startFuzzSystem } from './fuzz-system';
import { FuzzResult, fuzzService } from './schemathesis';

export interface FuzzRunOptions {
  /** Upper bound of generated cases per operation and phase (schemathesis `--max-examples`). */
  maxExamples: number;
  seed: number;
  label: string;
  /** Also fuzz the operations in KNOWN_FAILURES. */
  includeKnownFailures?: boolean;
  /** Schemathesis checks instead of CHECKS. */
  checks?: string[];
  say?: (line: string) => void;
}

export interface FuzzRun {
  results: FuzzResult[];
  reportDir: string;
}

/** Starts the five services, fuzzes every documented route of each, stops them. */
export async function runFuzz(options: FuzzRunOptions): Promise<FuzzRun> {
  const say = options.say ?? (() => undefined);
  const system = await startFuzzSystem(options.label);
  const reportDir = resolve(__dirname, '../../artifacts/fuzz', system.runId);
  const results: FuzzResult[] = [];
  try {
    for (const target of fuzzTargets(system)) {
      if (options.includeKnownFailures) delete target.exclude;
      const result = await fuzzService(target, {
        maxExamples: options.maxExamples,
        seed: options.seed,
        reportDir,
        checks: options.checks,
      });
      say(summaryLine(result));
      results.push(result);
    }
  } finally {
    await system.stop();
  }
  return { results, reportDir: join(reportDir) };
}

export function summaryLine(result: FuzzResult): string {
  const verdict = result.exitCode === 0 ? 'ok' : `FAILED (${result.failures.length}: ${result.failures.join('; ')})`;
  return `${result.target.label.padEnd(30)} ${String(result.operations).padStart(3)} operations ${String(result.cases).padStart(6)} cases  ${verdict}`;
}

/** The part of schemathesis' output a person needs for each failure: the check, the request to reproduce, the response. */
export function failureReport(result: FuzzResult): string {
  const start = result.output.search(/^=+ FAILURES =+$/m);
  return `${result.target.label} (${result.target.baseUrl}):\n${start >= 0 ? result.output.slice(start) : result.output}`;
}

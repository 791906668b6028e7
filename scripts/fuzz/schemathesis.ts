import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The schemathesis release the fuzz runs are checked with; `.ci/run` installs the same one. */
export const SCHEMATHESIS_VERSION = '4.32.5';

/** What every response is checked for: no 5xx, a documented status and content type, a body valid for that status. */
export const CHECKS = ['not_a_server_error', 'status_code_conformance', 'content_type_conformance', 'response_schema_conformance'];

export interface FuzzTarget {
  /** A label for the report, e.g. `ingest (with API key)`. */
  label: string;
  baseUrl: string;
  headers?: Record<string, string>;
  /** Paths not to fuzz (schemathesis `--exclude-path`). */
  exclude?: string[];
  /** Only the paths matching this regular expression (schemathesis `--include-path-regex`). */
  includePathRegex?: string;
}

export interface FuzzOptions {
  maxExamples: number;
  seed: number;
  reportDir: string;
  /** The checks to run; CHECKS by default. */
  checks?: string[];
  /** Where the schemathesis executable is; `schemathesis` on PATH by default (SCHEMATHESIS_BIN overrides). */
  bin?: string;
}

export interface FuzzResult {
  target: FuzzTarget;
  exitCode: number;
  /** Test cases (requests) generated and sent, over every operation. */
  cases: number;
  operations: number;
  failures: string[];
  /** What schemathesis printed: for each failure, the check, the response and a curl line to reproduce it. */
  output: string;
}

/** Runs schemathesis once against a running service's `/docs-json`, every operation, positive and negative data. */
export async function fuzzService(target: FuzzTarget, options: FuzzOptions): Promise<FuzzResult> {
  mkdirSync(options.reportDir, { recursive: true });
  const junit = join(options.reportDir, `${target.label.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.junit.xml`);
  const bin = options.bin ?? process.env.SCHEMATHESIS_BIN ?? 'schemathesis';
  const { code, output } = await run(bin, schemathesisArgs(target, options, junit), {
    ...process.env,
    NO_COLOR: '1',
    SCHEMATHESIS_TELEMETRY: 'false',
  });
  let xml = '';
  try {
    xml = readFileSync(junit, 'utf8');
  } catch {
    // No report: schemathesis could not start (no document, a bad option); its output says why.
  }
  return {
    target,
    exitCode: code,
    output,
    cases: casesGenerated(output),
    ...(xml ? readJunit(xml) : { operations: 0, failures: ['no JUnit report'] }),
  };
}

export function schemathesisArgs(target: FuzzTarget, options: FuzzOptions, junitPath: string): string[] {
  return [
    'run',
    `${target.baseUrl}/docs-json`,
    '--checks',
    (options.checks ?? CHECKS).join(','),
    '--mode',
    'all',
    '--phases',
    'examples,coverage,fuzzing',
    '--max-examples',
    String(options.maxExamples),
    '--seed',
    String(options.seed),
    '--workers',
    '1',
    '--request-timeout',
    '15',
    '--suppress-health-check',
    'all',
    '--continue-on-failure',
    '--report',
    'junit',
    '--report-junit-path',
    junitPath,
    ...(target.includePathRegex ? ['--include-path-regex', target.includePathRegex] : []),
    ...(target.exclude ?? []).flatMap((path) => ['--exclude-path', path]),
    ...Object.entries(target.headers ?? {}).flatMap(([name, value]) => ['--header', `${name}: ${value}`]),
  ];
}

/** "Test cases: N generated, …" in schemathesis' summary. */
export function casesGenerated(output: string): number {
  const generated = /^\s*(\d+) generated/m.exec(output);
  return generated ? Number(generated[1]) : 0;
}

function run(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.on('error', (error) =>
      reject(
        new Error(`cannot run ${bin} (${error.message}); install it with: python3 -m pip install schemathesis==${SCHEMATHESIS_VERSION}`),
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Operations tested and those that failed, from the JUnit report: one testcase per operation. */
export function readJunit(xml: string): Pick<FuzzResult, 'operations' | 'failures'> {
  const testcases = [...xml.matchAll(/<testcase\b([^>]*?)(\/>|>([\s\S]*?)<\/testcase>)/g)];
  const failures = testcases
    .filter(([, , , body]) => body && /<(failure|error)\b/.test(body))
    .map(([, attributes]) => decode(/\bname="([^"]*)"/.exec(attributes)?.[1] ?? '?'));
  return { operations: testcases.length, failures };
}

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InfraError } from './log';

export type Tool = 'java' | 'mvn' | 'go' | 'postgres';

export interface ToolProblem {
  tool: Tool;
  found?: string;
}

const MIN_JAVA = 17;
const MIN_GO: [number, number] = [1, 24];

const REQUIREMENT: Record<Tool, string> = {
  java: `java ${MIN_JAVA}+`,
  mvn: 'mvn (Maven)',
  go: `go ${MIN_GO.join('.')}+`,
  postgres: 'the PostgreSQL server programs (initdb, postgres, pg_isready)',
};

/** Debian keeps them off PATH, one directory per major version. */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

export function findOnPath(command: string, pathEnv: string = process.env.PATH ?? ''): string | undefined {
  for (const dir of pathEnv.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, command);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The directory with PostgreSQL's server programs: POSTGRES_BIN_DIR, else Debian's newest
 * /usr/lib/postgresql/<major>/bin, else wherever `initdb` is on PATH.
 */
export function findPostgresBinDir(env: NodeJS.ProcessEnv = process.env, debianRoot = DEBIAN_POSTGRES_ROOT): string | undefined {
  const hasServer = (dir: string): boolean => isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'postgres'));
  const configured = env.POSTGRES_BIN_DIR?.trim();
  if (configured) return hasServer(configured) ? configured : undefined;
  let majors: number[] = [];
  try {
    majors = readdirSync(debianRoot)
      .map(Number)
      .filter((major) => Number.isInteger(major));
  } catch {
    // not Debian, or no PostgreSQL installed there
  }
  for (const major of majors.sort((a, b) => b - a)) {
    const dir = join(debianRoot, String(major), 'bin');
    if (hasServer(dir)) return dir;
  }
  const initdb = findOnPath('initdb', env.PATH);
  return initdb && hasServer(join(initdb, '..')) ? join(initdb, '..') : undefined;
}

export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  // Java 8 and older report themselves as 1.x.
  return first === 1 && match[2] ? Number(match[2]) : first;
}

export function parseGoVersion(versionOutput: string): [number, number] | undefined {
  const match = /go(\d+)\.(\d+)/.exec(versionOutput);
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

function isGoRecentEnough(version: [number, number]): boolean {
  return version[0] > MIN_GO[0] || (version[0] === MIN_GO[0] && version[1] >= MIN_GO[1]);
}

function commandOutput(command: string, args: string[]): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 15_000 });
  return `${result.stdout ?? ''}${result.stderr ?? ''}`;
}

export function checkTool(tool: Tool): ToolProblem | undefined {
  if (tool === 'postgres') return findPostgresBinDir() ? undefined : { tool };
  if (!findOnPath(tool)) return { tool };
  if (tool === 'java') {
    const major = parseJavaMajor(commandOutput('java', ['-version']));
    if (major === undefined || major < MIN_JAVA) return { tool, found: major ? `Java ${major}` : 'an unknown Java' };
  }
  if (tool === 'go') {
    const version = parseGoVersion(commandOutput('go', ['env', 'GOVERSION']));
    if (!version || !isGoRecentEnough(version)) return { tool, found: version ? `Go ${version.join('.')}` : 'an unknown Go' };
  }
  return undefined;
}

export function missingToolsMessage(problems: ToolProblem[]): string {
  const described = problems.map(({ tool, found }) => REQUIREMENT[tool] + (found ? ` (found ${found})` : ''));
  const apt = [
    ...(problems.some((p) => p.tool === 'java') ? ['openjdk-17-jre-headless'] : []),
    ...(problems.some((p) => p.tool === 'mvn') ? ['maven'] : []),
    ...(problems.some((p) => p.tool === 'postgres') ? ['postgresql'] : []),
  ];
  const hints = [
    ...(apt.length > 0 ? [`apt-get install ${apt.join(' ')}`] : []),
    ...(problems.some((p) => p.tool === 'go') ? ['Go from https://go.dev/dl (Debian 12 ships Go 1.19, too old)'] : []),
  ];
  return (
    `Cannot run local Kafka/FerretDB: missing ${described.join(', ')}. ` +
    `Install: ${hints.join('; ')}. ` +
    (problems.some((p) => p.tool === 'postgres') ? 'Or LOCAL_STORE_BACKEND=sqlite for FerretDB without PostgreSQL. ' : '') +
    'Or set KAFKA_BROKERS and MONGODB_URI to use an existing Kafka and MongoDB.'
  );
}

export function assertTools(tools: Tool[]): void {
  const problems = [...new Set(tools)].map(checkTool).filter((p): p is ToolProblem => p !== undefined);
  if (problems.length > 0) throw new InfraError(missingToolsMessage(problems));
}

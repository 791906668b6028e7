import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FERRETDB_MODULE, FERRETDB_VERSION, LOCAL_HOST, type LocalPorts, type StoreBackend } from './config';
import { InfraError, log, seconds } from './log';
import type { LocalPaths } from './paths';
import { postgresUrl } from './local-postgres';
import { commandLineOf, isAlive, type ManagedProcess, runCommand, runningPid, spawnDetached, tailFile } from './processes';
import { mongoAnswers, waitUntil } from './readiness';
import type { Tool } from './tools';

const READY_TIMEOUT_MS = 60_000;

export function ferretProcess(paths: LocalPaths): ManagedProcess {
  return {
    name: 'ferretdb',
    pidFile: paths.ferretdb.pidFile,
    logFile: paths.ferretdb.logFile,
    // The state directory, not the binary: instances in other LOCAL_INFRA_DIRs share the binary.
    cmdlineMarker: paths.ferretdb.stateDir,
  };
}

export function ferretUri(ports: LocalPorts): string {
  return `mongodb://${LOCAL_HOST}:${ports.mongodb}/`;
}

export function isFerretProvisioned(paths: LocalPaths): boolean {
  const marker = paths.ferretdb.binMarker;
  return existsSync(paths.ferretdb.binary) && existsSync(marker) && readFileSync(marker, 'utf8').trim() === FERRETDB_VERSION;
}

export function ferretToolsNeeded(paths: LocalPaths): Tool[] {
  return isFerretProvisioned(paths) ? [] : ['go'];
}

/** Makes a copy of read-only module-cache files writable (and removable). */
function makeWritable(path: string): void {
  chmodSync(path, 0o755);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const child = join(path, entry.name);
    if (entry.isDirectory()) makeWritable(child);
    else if (entry.isFile()) chmodSync(child, 0o644);
  }
}

async function moduleSourceDir(cwd: string): Promise<string> {
  const output = await runCommand({
    command: 'go',
    args: ['mod', 'download', '-json', `${FERRETDB_MODULE}@${FERRETDB_VERSION}`],
    cwd,
  });
  return (JSON.parse(output) as { Dir: string }).Dir;
}

/**
 * A plain `go install ...@version` builds a binary that panics at start-up: FerretDB embeds
 * build/version/version.txt, which its release tooling generates and the module zip lacks.
 * So we build from a copy of the module source with that file added (dependencies still come
 * from the module cache, and only FerretDB's own packages compile).
 */
async function provisionFerret(paths: LocalPaths): Promise<void> {
  if (isFerretProvisioned(paths)) return;
  log(`ferretdb: building FerretDB ${FERRETDB_VERSION} (Go module proxy) into ${paths.ferretdb.binDir}`);
  const started = Date.now();
  const srcDir = join(paths.ferretdb.dir, 'src');
  mkdirSync(paths.ferretdb.binDir, { recursive: true });
  rmSync(srcDir, { recursive: true, force: true });
  cpSync(await moduleSourceDir(paths.ferretdb.dir), srcDir, { recursive: true });
  try {
    makeWritable(srcDir);
    writeFileSync(join(srcDir, 'build', 'version', 'version.txt'), `${FERRETDB_VERSION}\n`);
    await runCommand({
      command: 'go',
      args: ['build', '-buildvcs=false', '-o', paths.ferretdb.binary, './cmd/ferretdb'],
      cwd: srcDir,
    });
  } finally {
    rmSync(srcDir, { recursive: true, force: true });
  }
  const version = await runCommand({ command: paths.ferretdb.binary, args: ['--version'], cwd: paths.ferretdb.dir });
  if (!version.includes(FERRETDB_VERSION)) throw new InfraError(`ferretdb: the built binary reports "${version.trim()}"`);
  writeFileSync(paths.ferretdb.binMarker, `${FERRETDB_VERSION}\n`);
  log(`ferretdb: binary ready in ${seconds(started)}`);
}

function backendArgs(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): string[] {
  if (backend === 'postgresql') return ['--handler=postgresql', `--postgresql-url=${postgresUrl(ports)}`];
  mkdirSync(paths.ferretdb.dataDir, { recursive: true });
  // FerretDB wants a URL to an existing directory, with the trailing slash.
  return ['--handler=sqlite', `--sqlite-url=file:${paths.ferretdb.dataDir}/`];
}

/**
 * Go's collector at its default (GOGC=100) ran for about a quarter of FerretDB's CPU time under bulk
 * inserts (a profile of the growth bench's seeding): every document is converted through short-lived
 * values. Its live heap is tens of MB, so letting the heap grow to five times that before collecting
 * costs little memory and gives the CPU back to the work. An operator's own GOGC wins.
 */
const FERRETDB_GOGC = '400';

function launch(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): number {
  mkdirSync(paths.ferretdb.stateDir, { recursive: true });
  return spawnDetached(ferretProcess(paths), {
    command: paths.ferretdb.binary,
    args: [
      ...backendArgs(paths, ports, backend),
      `--listen-addr=${LOCAL_HOST}:${ports.mongodb}`,
      `--state-dir=${paths.ferretdb.stateDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    cwd: paths.ferretdb.dir,
    env: { GOGC: FERRETDB_GOGC, ...process.env },
  });
}

async function waitForFerret(paths: LocalPaths, ports: LocalPorts, pid: number): Promise<void> {
  await waitUntil(`ferretdb at ${LOCAL_HOST}:${ports.mongodb}`, () => mongoAnswers(ferretUri(ports)), {
    timeoutMs: READY_TIMEOUT_MS,
    giveUp: () => (isAlive(pid) ? undefined : `exited during startup (pid ${pid})`),
    context: () => `--- last lines of ${paths.ferretdb.logFile} ---\n${tailFile(paths.ferretdb.logFile)}`,
  });
}

/** The backend a running FerretDB was started with, from its command line. */
function runningBackend(pid: number): StoreBackend | undefined {
  const handler = /--handler=(\w+)/.exec(commandLineOf(pid) ?? '')?.[1];
  return handler === 'postgresql' || handler === 'sqlite' ? handler : undefined;
}

/** Starts FerretDB unless it runs (on PostgreSQL, that must already answer). */
export async function ensureFerret(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): Promise<void> {
  const existing = runningPid(ferretProcess(paths));
  if (existing !== undefined) {
    await waitForFerret(paths, ports, existing);
    const running = runningBackend(existing);
    const mismatch = running && running !== backend ? ` on ${running}, not ${backend}: \`npm run infra:down\` to switch` : '';
    log(`ferretdb: already running (pid ${existing}) at ${ferretUri(ports)}${mismatch}`);
    return;
  }
  await provisionFerret(paths);
  const started = Date.now();
  const pid = launch(paths, ports, backend);
  log(`ferretdb: starting on ${backend} (pid ${pid}), log in ${paths.ferretdb.logFile}`);
  await waitForFerret(paths, ports, pid);
  log(`ferretdb: ready at ${ferretUri(ports)} after ${seconds(started)}`);
}

export function wipeFerretData(paths: LocalPaths): void {
  rmSync(paths.ferretdb.dataDir, { recursive: true, force: true });
  rmSync(paths.ferretdb.stateDir, { recursive: true, force: true });
}

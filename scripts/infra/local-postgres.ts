import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOCAL_HOST, type LocalPorts } from './config';
import { InfraError, log, seconds } from './log';
import type { LocalPaths } from './paths';
import { isAlive, type ManagedProcess, runCommand, runningPid, spawnDetached, tailFile } from './processes';
import { waitUntil } from './readiness';
import { findPostgresBinDir, type Tool } from './tools';

const READY_TIMEOUT_MS = 60_000;
/** The cluster's only role (trust authentication: it listens on 127.0.0.1 alone). */
const ROLE = 'ferretdb';
/** FerretDB keeps each MongoDB database as a schema of this one. */
const DATABASE = 'postgres';

/**
 * A development and test store, tuned for speed over durability: with fsync off, data survives a crash
 * or kill -9 of PostgreSQL or FerretDB (it is in the OS page cache), but not a power loss or kernel crash.
 * Production points MONGODB_URI at a real MongoDB (docker-compose.yml) instead.
 */
const SERVER_SETTINGS = {
  listen_addresses: LOCAL_HOST,
  // TCP only: no socket file to place where the server's user may write.
  unix_socket_directories: '',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
  shared_buffers: '256MB',
  max_connections: '200',
};

/** Serves FerretDB's equality filters from GIN indexes, in place of the btrees it cannot use (see the file). */
const GIN_INDEXES_SQL = join(__dirname, 'ferretdb-gin-indexes.sql');

export function postgresProcess(paths: LocalPaths): ManagedProcess {
  return {
    name: 'postgres',
    pidFile: paths.postgres.pidFile,
    logFile: paths.postgres.logFile,
    cmdlineMarker: paths.postgres.dataDir,
    // SIGTERM would wait for FerretDB's pooled connections to close; SIGINT is the fast shutdown.
    stopSignal: 'SIGINT',
  };
}

export function postgresUrl(ports: LocalPorts): string {
  return `postgres://${ROLE}@${LOCAL_HOST}:${ports.postgres}/${DATABASE}`;
}

export function postgresToolsNeeded(): Tool[] {
  return findPostgresBinDir() ? [] : ['postgres'];
}

interface Account {
  name: string;
  uid: number;
  gid: number;
}

/** PostgreSQL refuses to run as root: then it runs as the unprivileged account its packages create. */
function serverAccount(): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const name = process.env.POSTGRES_OS_USER?.trim() || 'postgres';
  const fields = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((entry) => entry[0] === name);
  if (!fields) {
    throw new InfraError(
      `postgres: PostgreSQL will not run as root and there is no "${name}" account to run it as: ` +
        'create one (or name another with POSTGRES_OS_USER), or use LOCAL_STORE_BACKEND=sqlite',
    );
  }
  return { name, uid: Number(fields[2]), gid: Number(fields[3]) };
}

function binary(binDir: string, name: string): string {
  return join(binDir, name);
}

async function initialise(paths: LocalPaths, binDir: string, account: Account | undefined): Promise<void> {
  if (existsSync(join(paths.postgres.dataDir, 'PG_VERSION'))) return;
  log(`postgres: creating a cluster in ${paths.postgres.dataDir}`);
  rmSync(paths.postgres.dataDir, { recursive: true, force: true });
  mkdirSync(paths.postgres.dir, { recursive: true });
  if (account) chownSync(paths.postgres.dir, account.uid, account.gid);
  await runCommand({
    command: binary(binDir, 'initdb'),
    args: ['-D', paths.postgres.dataDir, '-U', ROLE, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
    cwd: paths.postgres.dir,
    user: account,
  }).catch((error: unknown) => {
    const hint = account ? ` (the "${account.name}" account must be able to reach ${paths.postgres.dir})` : '';
    throw new InfraError(`postgres: initdb failed${hint}: ${error instanceof Error ? error.message : String(error)}`);
  });
}

async function answers(binDir: string, ports: LocalPorts): Promise<boolean> {
  try {
    await runCommand({
      command: binary(binDir, 'pg_isready'),
      args: ['-h', LOCAL_HOST, '-p', String(ports.postgres), '-U', ROLE, '-d', DATABASE, '-t', '2'],
      cwd: '/',
    });
    return true;
  } catch {
    return false;
  }
}

async function waitForPostgres(paths: LocalPaths, ports: LocalPorts, binDir: string, pid: number): Promise<void> {
  await waitUntil(`postgres at ${LOCAL_HOST}:${ports.postgres}`, () => answers(binDir, ports), {
    timeoutMs: READY_TIMEOUT_MS,
    giveUp: () => (isAlive(pid) ? undefined : `exited during startup (pid ${pid})`),
    context: () => `--- last lines of ${paths.postgres.logFile} ---\n${tailFile(paths.postgres.logFile)}`,
  });
}

/** Creates the cluster the first time, starts PostgreSQL unless it runs, and waits until it answers. */
export async function ensurePostgres(paths: LocalPaths, ports: LocalPorts): Promise<void> {
  const binDir = findPostgresBinDir();
  if (!binDir) throw new InfraError('postgres: no PostgreSQL server programs found (apt-get install postgresql, or POSTGRES_BIN_DIR)');
  const existing = runningPid(postgresProcess(paths));
  if (existing !== undefined) {
    await waitForPostgres(paths, ports, binDir, existing);
    log(`postgres: already running (pid ${existing}) at ${LOCAL_HOST}:${ports.postgres}`);
    await addGinIndexes(binDir, ports);
    return;
  }
  const account = serverAccount();
  await initialise(paths, binDir, account);
  const started = Date.now();
  const settings = Object.entries(SERVER_SETTINGS).flatMap(([name, value]) => ['-c', `${name}=${value}`]);
  const pid = spawnDetached(postgresProcess(paths), {
    command: binary(binDir, 'postgres'),
    args: ['-D', paths.postgres.dataDir, '-p', String(ports.postgres), ...settings],
    cwd: paths.postgres.dir,
    user: account,
  });
  log(`postgres: starting (pid ${pid}), log in ${paths.postgres.logFile}`);
  await waitForPostgres(paths, ports, binDir, pid);
  log(`postgres: ready at ${LOCAL_HOST}:${ports.postgres} after ${seconds(started)}`);
  await addGinIndexes(binDir, ports);
}

async function addGinIndexes(binDir: string, ports: LocalPorts): Promise<void> {
  await runCommand({
    command: binary(binDir, 'psql'),
    args: [
      '-h',
      LOCAL_HOST,
      '-p',
      String(ports.postgres),
      '-U',
      ROLE,
      '-d',
      DATABASE,
      '-q',
      '-v',
      'ON_ERROR_STOP=1',
      '-f',
      GIN_INDEXES_SQL,
    ],
    cwd: '/',
  });
}

export function wipePostgresData(paths: LocalPaths): void {
  rmSync(paths.postgres.dir, { recursive: true, force: true });
}

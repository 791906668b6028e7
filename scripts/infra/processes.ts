import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname } from 'node:path';
import { InfraError, log } from './log';

export interface ManagedProcess {
  name: string;
  pidFile: string;
  logFile: string;
  /** Only our instance has this on its command line: guards against a recycled pid. */
  cmdlineMarker: string;
  /** What stops it cleanly (default SIGTERM; PostgreSQL's fast shutdown is SIGINT). */
  stopSignal?: NodeJS.Signals;
}

export interface SpawnRequest {
  command: string;
  args: string[];
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Run as this user (PostgreSQL refuses to run as root). */
  user?: { uid: number; gid: number };
}

export const sleep = (ms: number): Promise<void> => new Promise((done) => setTimeout(done, ms));

export function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return !isZombie(pid);
}

function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).startsWith('Z');
  } catch {
    return false;
  }
}

export function commandLineOf(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return undefined;
  }
}

function isOurs(proc: ManagedProcess, pid: number): boolean {
  const commandLine = commandLineOf(pid);
  // Without /proc (not Linux) a live pid from our pid file is the best evidence we have.
  return commandLine === undefined || commandLine.includes(proc.cmdlineMarker);
}

/** The pid of our running instance; removes a pid file left behind by a dead process. */
export function runningPid(proc: ManagedProcess): number | undefined {
  const pid = readPid(proc.pidFile);
  if (pid === undefined) return undefined;
  const alive = isAlive(pid);
  if (alive && isOurs(proc, pid)) return pid;
  rmSync(proc.pidFile, { force: true });
  log(`${proc.name}: removed stale pid file (pid ${pid} ${alive ? 'now belongs to another program' : 'is gone'})`);
  return undefined;
}

export function spawnDetached(proc: ManagedProcess, request: SpawnRequest): number {
  mkdirSync(dirname(proc.logFile), { recursive: true });
  if (existsSync(proc.logFile)) renameSync(proc.logFile, `${proc.logFile}.1`);
  const fd = openSync(proc.logFile, 'a');
  try {
    // detached: own session and process group, so it outlives us and can be signalled as a group.
    const child = spawn(request.command, request.args, {
      cwd: request.cwd,
      env: request.env ?? process.env,
      detached: true,
      stdio: ['ignore', fd, fd],
      uid: request.user?.uid,
      gid: request.user?.gid,
    });
    child.on('error', () => undefined);
    if (child.pid === undefined) throw new InfraError(`${proc.name}: could not start ${request.command}`);
    writeFileSync(proc.pidFile, `${child.pid}\n`);
    child.unref();
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(-pid, name);
  } catch {
    try {
      process.kill(pid, name);
    } catch {
      // already gone
    }
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true;
    await sleep(200);
  }
  return !isAlive(pid);
}

/** Its stop signal (SIGTERM), then SIGKILL after the grace period. Returns false when it was not running. */
export async function stopProcess(proc: ManagedProcess, graceMs = 30_000): Promise<boolean> {
  const pid = runningPid(proc);
  if (pid === undefined) return false;
  log(`${proc.name}: stopping (pid ${pid})`);
  signal(pid, proc.stopSignal ?? 'SIGTERM');
  if (!(await waitForExit(pid, graceMs))) {
    log(`${proc.name}: still running after ${graceMs / 1000} s, sending SIGKILL`);
    signal(pid, 'SIGKILL');
    await waitForExit(pid, 5_000);
  }
  rmSync(proc.pidFile, { force: true });
  log(`${proc.name}: stopped`);
  return true;
}

export function isPortInUse(host: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (inUse: boolean): void => {
      socket.destroy();
      resolve(inUse);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

export function tailFile(file: string, lines = 40): string {
  if (!existsSync(file)) return '(no log file)';
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } finally {
    closeSync(fd);
  }
}

/** Runs a command with the terminal attached (progress output stays visible). */
export function runInherited(request: SpawnRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(request.command, request.args, {
      cwd: request.cwd,
      env: request.env ?? process.env,
      stdio: 'inherit',
    });
    child.on('error', (error) => reject(new InfraError(`${request.command} could not run: ${error.message}`)));
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new InfraError(`${request.command} ${request.args.join(' ')} failed (exit ${code})`)),
    );
  });
}

/** Runs a command to completion; the error carries the tail of its output. */
export function runCommand(request: SpawnRequest): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(request.command, request.args, {
      cwd: request.cwd,
      env: request.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      uid: request.user?.uid,
      gid: request.user?.gid,
    });
    let stdout = '';
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', (error) => reject(new InfraError(`${request.command} could not run: ${error.message}`)));
    child.on('close', (code) => {
      if (code === 0) return resolve(stdout);
      const tail = output.trimEnd().split('\n').slice(-30).join('\n');
      reject(new InfraError(`${request.command} ${request.args.join(' ')} failed (exit ${code}):\n${tail}`));
    });
  });
}

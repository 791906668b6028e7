import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { InfraError, log } from './log';
import { isAlive, sleep } from './processes';

const WAIT_LIMIT_MS = 10 * 60_000;

function holderOf(lockDir: string): number | undefined {
  try {
    const pid = Number(readFileSync(join(lockDir, 'pid'), 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function tryAcquire(lockDir: string): boolean {
  try {
    // mkdir is atomic: exactly one concurrent caller succeeds.
    mkdirSync(lockDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  writeFileSync(join(lockDir, 'pid'), `${process.pid}\n`);
  return true;
}

function ageMs(lockDir: string): number {
  try {
    return Date.now() - statSync(lockDir).mtimeMs;
  } catch {
    return 0;
  }
}

async function acquire(lockDir: string): Promise<void> {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  let announced = false;
  while (!tryAcquire(lockDir)) {
    const holder = holderOf(lockDir);
    if (holder !== undefined && isAlive(holder)) {
      if (!announced) log(`waiting for another infra command (pid ${holder}) to finish`);
      announced = true;
      if (Date.now() > deadline) throw new InfraError(`another infra command (pid ${holder}) still holds ${lockDir}`);
      await sleep(500);
      continue;
    }
    // Left by a crashed run; without a pid file it may also be a run that is just writing it, hence the age check.
    if (holder !== undefined || ageMs(lockDir) > 5_000) rmSync(lockDir, { recursive: true, force: true });
    await sleep(100);
  }
}

/** Serialises provisioning and start-up between concurrent `infra:up` / test runs. */
export async function withLock<T>(lockDir: string, work: () => Promise<T>): Promise<T> {
  mkdirSync(dirname(lockDir), { recursive: true });
  await acquire(lockDir);
  try {
    return await work();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

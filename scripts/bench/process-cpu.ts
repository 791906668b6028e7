import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { LOCAL_HOST, readLocalPorts } from '../infra/config';
import { localPaths } from '../infra/paths';
import type { TestSystem } from '../../libs/testing/src/test-system';

/**
 * CPU time used by each process of the system under test, read from /proc (Linux): the services the
 * bench started, and the local Kafka, FerretDB and PostgreSQL of `.local/` (the server and every
 * backend it forked) when the bench is configured to use them. Other infrastructure (containers, a
 * remote store) is left out. Empty where /proc is missing.
 */

/** Linux reports process times in clock ticks of 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export type CpuSnapshot = Map<string, number>;

interface ProcStat {
  pid: number;
  parent: number;
  seconds: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) may hold spaces and parentheses: the fields after it start at the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // After the name: state(3) ppid(4) … utime(14) stime(15), counted from 1 with pid and name first.
    return { pid, parent: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

function pidFromFile(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** CPU seconds so far per process group: each service by name, then kafka, ferretdb and postgres. */
export function cpuSnapshot(system: TestSystem): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return snapshot;
  for (const [name, service] of system.services) {
    const stat = service.pid === undefined ? undefined : readStat(service.pid);
    if (stat) snapshot.set(name, stat.seconds);
  }
  return addInfrastructureCpu(snapshot);
}

/**
 * CPU seconds so far of this process (the raw baseline's producer, consumer and driver run in it),
 * then kafka, ferretdb and postgres: what moving an article costs with nothing of ours in the way.
 */
export function baselineCpuSnapshot(): CpuSnapshot {
  const snapshot: CpuSnapshot = new Map();
  if (!existsSync('/proc/self/stat')) return snapshot;
  const { user, system } = process.cpuUsage();
  snapshot.set('client', (user + system) / 1e6);
  return addInfrastructureCpu(snapshot);
}

function addInfrastructureCpu(snapshot: CpuSnapshot): CpuSnapshot {
  const paths = localPaths();
  const ports = readLocalPorts(process.env);
  const localKafka = process.env.KAFKA_BROKERS === `${LOCAL_HOST}:${ports.kafka}`;
  const localStore = process.env.MONGODB_URI?.startsWith(`mongodb://${LOCAL_HOST}:${ports.mongodb}/`) === true;
  for (const [name, file, used] of [
    ['kafka', paths.kafka.pidFile, localKafka],
    ['ferretdb', paths.ferretdb.pidFile, localStore],
  ] as const) {
    const pid = used ? pidFromFile(file) : undefined;
    const stat = pid === undefined ? undefined : readStat(pid);
    if (stat) snapshot.set(name, stat.seconds);
  }
  const postmaster = localStore ? pidFromFile(paths.postgres.pidFile) : undefined;
  if (postmaster !== undefined) {
    // A backend that exits between two snapshots takes its time with it; FerretDB keeps its pool open.
    const all = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map((entry) => readStat(Number(entry)))
      .filter((stat): stat is ProcStat => stat !== undefined && (stat.pid === postmaster || stat.parent === postmaster));
    if (all.length > 0)
      snapshot.set(
        'postgres',
        all.reduce((sum, stat) => sum + stat.seconds, 0),
      );
  }
  return snapshot;
}

/**
 * Milliseconds of CPU per article between two snapshots, per process group and in all, as one line:
 * on two cores, 100 articles/s leaves 20 ms of CPU per article for everything together.
 */
export function formatCpuPerArticle(label: string, before: CpuSnapshot, after: CpuSnapshot, articles: number): string {
  if (after.size === 0 || articles === 0) return `${label.padEnd(28)}  not measured (no /proc)`;
  const parts: string[] = [];
  let total = 0;
  for (const [name, seconds] of after) {
    const ms = ((seconds - (before.get(name) ?? seconds)) * 1000) / articles;
    total += ms;
    parts.push(`${name} ${ms.toFixed(1)}`);
  }
  return `${label.padEnd(28)}  ${parts.join('  ')}  total ${total.toFixed(1)} ms`;
}

import { rmSync } from 'node:fs';
import { type Endpoints, LOCAL_HOST, localEndpoints, type LocalPorts, readStoreBackend, type StoreBackend } from './config';
import { ensureFerret, ferretProcess, ferretToolsNeeded, ferretUri, wipeFerretData } from './local-ferretdb';
import { ensurePostgres, postgresProcess, postgresToolsNeeded, wipePostgresData } from './local-postgres';
import { ensureKafka, kafkaAddress, kafkaProcess, kafkaToolsNeeded, wipeKafkaData } from './local-kafka';
import { withLock } from './lock';
import { InfraError, log } from './log';
import type { LocalPaths } from './paths';
import { isPortInUse, type ManagedProcess, runningPid, stopProcess } from './processes';
import { assertTools, type Tool } from './tools';

export interface ServiceStatus {
  name: string;
  running: boolean;
  pid?: number;
  address: string;
  /** Set when the port answers although our process is not running. */
  portTakenByOther: boolean;
}

interface LocalService {
  proc: ManagedProcess;
  ports: number[];
  portEnvVar: string;
  address: string;
  toolsNeeded(): Tool[];
}

function localServices(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): LocalService[] {
  const postgres: LocalService = {
    proc: postgresProcess(paths),
    ports: [ports.postgres],
    portEnvVar: 'LOCAL_POSTGRES_PORT',
    address: `${LOCAL_HOST}:${ports.postgres}`,
    toolsNeeded: postgresToolsNeeded,
  };
  return [
    {
      proc: kafkaProcess(paths),
      ports: [ports.kafka, ports.kafkaController, ports.kafkaPartner],
      portEnvVar: 'LOCAL_KAFKA_PORT',
      address: kafkaAddress(ports),
      toolsNeeded: () => kafkaToolsNeeded(paths),
    },
    {
      proc: ferretProcess(paths),
      ports: [ports.mongodb],
      portEnvVar: 'LOCAL_MONGODB_PORT',
      address: ferretUri(ports),
      toolsNeeded: () => ferretToolsNeeded(paths),
    },
    ...(backend === 'postgresql' ? [postgres] : []),
  ];
}

async function assertPortsFree(service: LocalService): Promise<void> {
  for (const port of service.ports) {
    if (await isPortInUse(LOCAL_HOST, port)) {
      throw new InfraError(
        `${service.proc.name}: port ${LOCAL_HOST}:${port} is in use by a process we did not start ` +
          `(no live pid in ${service.proc.pidFile}). Stop it, pick other ports with ${service.portEnvVar}, ` +
          'or set KAFKA_BROKERS and MONGODB_URI to use the infrastructure that is already running.',
      );
    }
  }
}

async function checkPrerequisites(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): Promise<void> {
  const stopped = localServices(paths, ports, backend).filter((service) => runningPid(service.proc) === undefined);
  for (const service of stopped) await assertPortsFree(service);
  // One check for everything still to provision, so a fresh machine hears about all missing tools at once.
  assertTools(stopped.flatMap((service) => service.toolsNeeded()));
}

async function settleAll(tasks: Array<Promise<void>>): Promise<void> {
  const failures = (await Promise.allSettled(tasks)).filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failures.length === 1) throw failures[0].reason;
  if (failures.length > 1) {
    throw new InfraError(failures.map((f) => (f.reason instanceof Error ? f.reason.message : String(f.reason))).join('\n'));
  }
}

async function ensureStore(paths: LocalPaths, ports: LocalPorts, backend: StoreBackend): Promise<void> {
  if (backend === 'postgresql') await ensurePostgres(paths, ports);
  await ensureFerret(paths, ports, backend);
}

/**
 * Provisions (first time only) and starts Kafka and the store (FerretDB, on PostgreSQL unless
 * LOCAL_STORE_BACKEND=sqlite); a no-op when they already run.
 */
export async function upLocal(paths: LocalPaths, ports: LocalPorts, backend = readStoreBackend(process.env)): Promise<Endpoints> {
  return withLock(paths.lockDir, async () => {
    await checkPrerequisites(paths, ports, backend);
    await settleAll([ensureKafka(paths, ports), ensureStore(paths, ports, backend)]);
    return localEndpoints(ports);
  });
}

/** The store: FerretDB first, so PostgreSQL's shutdown does not cut it off mid-request. */
export async function stopStore(paths: LocalPaths): Promise<boolean> {
  const ferret = await stopProcess(ferretProcess(paths));
  const postgres = await stopProcess(postgresProcess(paths));
  return ferret || postgres;
}

async function stopAll(paths: LocalPaths): Promise<void> {
  const stopped = await Promise.all([stopProcess(kafkaProcess(paths)), stopStore(paths)]);
  if (!stopped.some(Boolean)) log('local kafka and store are not running');
}

export function isLocalRunning(paths: LocalPaths, backend = readStoreBackend(process.env)): boolean {
  const store = [ferretProcess(paths), ...(backend === 'postgresql' ? [postgresProcess(paths)] : [])];
  return [kafkaProcess(paths), ...store].every((proc) => runningPid(proc) !== undefined);
}

export function downLocal(paths: LocalPaths): Promise<void> {
  return withLock(paths.lockDir, () => stopAll(paths));
}

export async function localStatus(paths: LocalPaths, ports: LocalPorts, backend = readStoreBackend(process.env)): Promise<ServiceStatus[]> {
  return Promise.all(
    localServices(paths, ports, backend).map(async (service) => {
      const pid = runningPid(service.proc);
      const portTakenByOther = pid === undefined && (await isPortInUse(LOCAL_HOST, service.ports[0]));
      return { name: service.proc.name, running: pid !== undefined, pid, address: service.address, portTakenByOther };
    }),
  );
}

export async function resetLocal(paths: LocalPaths): Promise<void> {
  await withLock(paths.lockDir, async () => {
    await stopAll(paths);
    wipeKafkaData(paths);
    wipeFerretData(paths);
    wipePostgresData(paths);
    rmSync(paths.envFile, { force: true });
    log('wiped Kafka, FerretDB and PostgreSQL data (downloaded jars and binaries are kept); the next `up` starts fresh');
  });
}

export function formatStatus(status: ServiceStatus): string {
  const state = status.running ? `running (pid ${status.pid})` : 'stopped';
  const note = status.portTakenByOther ? ' (port in use by a process not started by infra)' : '';
  return `${status.name.padEnd(8)} ${state.padEnd(22)} ${status.address}${note}`;
}

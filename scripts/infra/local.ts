import { rmSync } from 'node:fs';
import { type Endpoints, LOCAL_HOST, localEndpoints, type LocalPorts } from './config';
import { ensureFerret, ferretProcess, ferretToolsNeeded, ferretUri, wipeFerretData } from './local-ferretdb';
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

function localServices(paths: LocalPaths, ports: LocalPorts): LocalService[] {
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

async function checkPrerequisites(paths: LocalPaths, ports: LocalPorts): Promise<void> {
  const stopped = localServices(paths, ports).filter((service) => runningPid(service.proc) === undefined);
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

/** Provisions (first time only) and starts Kafka and FerretDB; a no-op when both already run. */
export async function upLocal(paths: LocalPaths, ports: LocalPorts): Promise<Endpoints> {
  return withLock(paths.lockDir, async () => {
    await checkPrerequisites(paths, ports);
    await settleAll([ensureKafka(paths, ports), ensureFerret(paths, ports)]);
    return localEndpoints(ports);
  });
}

async function stopBoth(paths: LocalPaths): Promise<void> {
  const stopped = await Promise.all([stopProcess(kafkaProcess(paths)), stopProcess(ferretProcess(paths))]);
  if (!stopped.some(Boolean)) log('local kafka and ferretdb are not running');
}

export function isLocalRunning(paths: LocalPaths): boolean {
  return runningPid(kafkaProcess(paths)) !== undefined && runningPid(ferretProcess(paths)) !== undefined;
}

export function downLocal(paths: LocalPaths): Promise<void> {
  return withLock(paths.lockDir, () => stopBoth(paths));
}

export async function localStatus(paths: LocalPaths, ports: LocalPorts): Promise<ServiceStatus[]> {
  return Promise.all(
    localServices(paths, ports).map(async (service) => {
      const pid = runningPid(service.proc);
      const portTakenByOther = pid === undefined && (await isPortInUse(LOCAL_HOST, service.ports[0]));
      return { name: service.proc.name, running: pid !== undefined, pid, address: service.address, portTakenByOther };
    }),
  );
}

export async function resetLocal(paths: LocalPaths): Promise<void> {
  await withLock(paths.lockDir, async () => {
    await stopBoth(paths);
    wipeKafkaData(paths);
    wipeFerretData(paths);
    rmSync(paths.envFile, { force: true });
    log('wiped Kafka and FerretDB data (downloaded jars and binaries are kept); the next `up` starts fresh');
  });
}

export function formatStatus(status: ServiceStatus): string {
  const state = status.running ? `running (pid ${status.pid})` : 'stopped';
  const note = status.portTakenByOther ? ' (port in use by a process not started by infra)' : '';
  return `${status.name.padEnd(8)} ${state.padEnd(22)} ${status.address}${note}`;
}

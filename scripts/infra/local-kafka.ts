import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { KAFKA_VERSION, LOCAL_HOST, type LocalPorts } from './config';
import { kafkaLibMarker, renderKafkaPom, renderServerProperties } from './kafka-config';
import { InfraError, log, seconds } from './log';
import type { LocalPaths } from './paths';
import { isAlive, type ManagedProcess, runCommand, runningPid, spawnDetached, tailFile } from './processes';
import { ensurePartnerAccess } from './partner-access';
import { kafkaAnswers, waitUntil } from './readiness';
import type { Tool } from './tools';

const READY_TIMEOUT_MS = 90_000;
const CLUSTER_ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export function kafkaProcess(paths: LocalPaths): ManagedProcess {
  return {
    name: 'kafka',
    pidFile: paths.kafka.pidFile,
    logFile: paths.kafka.logFile,
    cmdlineMarker: paths.kafka.serverProperties,
  };
}

export function kafkaAddress(ports: LocalPorts): string {
  return `${LOCAL_HOST}:${ports.kafka}`;
}

export function isKafkaProvisioned(paths: LocalPaths): boolean {
  const marker = paths.kafka.libMarker;
  return existsSync(marker) && readFileSync(marker, 'utf8') === kafkaLibMarker();
}

export function kafkaToolsNeeded(paths: LocalPaths): Tool[] {
  return isKafkaProvisioned(paths) ? ['java'] : ['java', 'mvn'];
}

function classpath(paths: LocalPaths): string {
  return join(paths.kafka.libDir, '*');
}

async function provisionKafka(paths: LocalPaths): Promise<void> {
  if (isKafkaProvisioned(paths)) return;
  log(`kafka: fetching Kafka ${KAFKA_VERSION} from Maven Central into ${paths.kafka.libDir}`);
  const started = Date.now();
  mkdirSync(paths.kafka.dir, { recursive: true });
  writeFileSync(paths.kafka.pom, renderKafkaPom());
  // A clean directory keeps jars of a previous version off the classpath.
  rmSync(paths.kafka.libDir, { recursive: true, force: true });
  await runCommand({
    command: 'mvn',
    args: [
      '-q',
      '-B',
      '-f',
      paths.kafka.pom,
      'dependency:copy-dependencies',
      '-DincludeScope=runtime',
      `-DoutputDirectory=${paths.kafka.libDir}`,
    ],
    cwd: paths.kafka.dir,
  });
  writeFileSync(paths.kafka.libMarker, kafkaLibMarker());
  log(`kafka: jars ready in ${seconds(started)}`);
}

function runStorageTool(paths: LocalPaths, args: string[]): Promise<string> {
  return runCommand({
    command: 'java',
    args: ['-Xmx256m', '-Dorg.slf4j.simpleLogger.defaultLogLevel=warn', '-cp', classpath(paths), 'kafka.tools.StorageTool', ...args],
    cwd: paths.kafka.dir,
  });
}

async function clusterId(paths: LocalPaths): Promise<string> {
  if (existsSync(paths.kafka.clusterIdFile)) {
    const saved = readFileSync(paths.kafka.clusterIdFile, 'utf8').trim();
    if (CLUSTER_ID_PATTERN.test(saved)) return saved;
  }
  const output = await runStorageTool(paths, ['random-uuid']);
  const generated = output.trim().split('\n').pop()?.trim() ?? '';
  if (!CLUSTER_ID_PATTERN.test(generated)) {
    throw new InfraError(`kafka: StorageTool random-uuid printed an unexpected cluster id: "${output.trim()}"`);
  }
  writeFileSync(paths.kafka.clusterIdFile, `${generated}\n`);
  return generated;
}

async function formatStorage(paths: LocalPaths): Promise<void> {
  if (existsSync(paths.kafka.metaProperties)) return;
  const id = await clusterId(paths);
  log(`kafka: formatting storage (cluster id ${id})`);
  mkdirSync(paths.kafka.dataDir, { recursive: true });
  await runStorageTool(paths, ['format', '-g', '-t', id, '-c', paths.kafka.serverProperties]);
}

function launch(paths: LocalPaths): number {
  return spawnDetached(kafkaProcess(paths), {
    command: 'java',
    args: [
      '-Xms256m',
      '-Xmx512m',
      '-Djava.awt.headless=true',
      '-Dorg.slf4j.simpleLogger.showDateTime=true',
      "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
      '-cp',
      classpath(paths),
      'kafka.Kafka',
      paths.kafka.serverProperties,
    ],
    cwd: paths.kafka.dir,
  });
}

export async function waitForKafka(paths: LocalPaths, ports: LocalPorts, pid: number): Promise<void> {
  const address = kafkaAddress(ports);
  await waitUntil(`kafka at ${address}`, () => kafkaAnswers(address), {
    timeoutMs: READY_TIMEOUT_MS,
    giveUp: () => (isAlive(pid) ? undefined : `exited during startup (pid ${pid})`),
    context: () => `--- last lines of ${paths.kafka.logFile} ---\n${tailFile(paths.kafka.logFile)}`,
  });
}

/** Provisions, formats and starts the broker unless it already runs; resolves once it answers. */
export async function ensureKafka(paths: LocalPaths, ports: LocalPorts): Promise<void> {
  const existing = runningPid(kafkaProcess(paths));
  if (existing !== undefined) {
    await waitForKafka(paths, ports, existing);
    log(`kafka: already running (pid ${existing}) at ${kafkaAddress(ports)}`);
    await ensurePartnerAccess(paths, ports, classpath(paths));
    return;
  }
  await provisionKafka(paths);
  // Another LOCAL_INFRA_DIR shares the downloaded jars, so provisioning may not have made this directory.
  mkdirSync(paths.kafka.dir, { recursive: true });
  writeFileSync(
    paths.kafka.serverProperties,
    renderServerProperties({
      port: ports.kafka,
      controllerPort: ports.kafkaController,
      partnerPort: ports.kafkaPartner,
      dataDir: paths.kafka.dataDir,
    }),
  );
  await formatStorage(paths);
  const started = Date.now();
  const pid = launch(paths);
  log(`kafka: starting (pid ${pid}), log in ${paths.kafka.logFile}`);
  await waitForKafka(paths, ports, pid);
  log(`kafka: ready at ${kafkaAddress(ports)} after ${seconds(started)}`);
  await ensurePartnerAccess(paths, ports, classpath(paths));
}

export function wipeKafkaData(paths: LocalPaths): void {
  rmSync(paths.kafka.dataDir, { recursive: true, force: true });
  rmSync(paths.kafka.clusterIdFile, { force: true });
}

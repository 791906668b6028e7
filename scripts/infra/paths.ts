import { join, resolve } from 'node:path';

export interface LocalPaths {
  repoRoot: string;
  localDir: string;
  logsDir: string;
  lockDir: string;
  envFile: string;
  kafka: {
    dir: string;
    pom: string;
    libDir: string;
    libMarker: string;
    dataDir: string;
    metaProperties: string;
    serverProperties: string;
    clusterIdFile: string;
    pidFile: string;
    logFile: string;
  };
  ferretdb: {
    dir: string;
    binDir: string;
    binary: string;
    binMarker: string;
    dataDir: string;
    stateDir: string;
    pidFile: string;
    logFile: string;
  };
  postgres: {
    dir: string;
    dataDir: string;
    pidFile: string;
    logFile: string;
  };
}

export const REPO_ROOT = resolve(__dirname, '..', '..');
export const DEFAULT_LOCAL_DIR = '.local';

/**
 * Where one local Kafka + FerretDB (+ PostgreSQL) instance keeps its data, pid files and logs: `.local/` unless
 * LOCAL_INFRA_DIR names another directory (relative to the repository), so a second instance (chaos
 * runs restart theirs) can run beside the shared one on other ports. The downloaded Kafka jars and
 * the FerretDB binary always live under `.local/` and are shared by every instance.
 */
export function localPaths(repoRoot: string = REPO_ROOT, env: Record<string, string | undefined> = process.env): LocalPaths {
  const localDir = resolve(repoRoot, env.LOCAL_INFRA_DIR?.trim() || DEFAULT_LOCAL_DIR);
  const downloads = join(repoRoot, DEFAULT_LOCAL_DIR);
  const logsDir = join(localDir, 'logs');
  const kafkaDir = join(localDir, 'kafka');
  const ferretDir = join(localDir, 'ferretdb');
  const postgresDir = join(localDir, 'postgres');
  const kafkaData = join(kafkaDir, 'data');
  const ferretBin = join(downloads, 'ferretdb', 'bin');
  return {
    repoRoot,
    localDir,
    logsDir,
    lockDir: join(localDir, 'infra.lock'),
    envFile: join(localDir, 'infra.env'),
    kafka: {
      dir: kafkaDir,
      pom: join(kafkaDir, 'pom.xml'),
      libDir: join(downloads, 'kafka', 'lib'),
      libMarker: join(downloads, 'kafka', 'lib', '.provisioned'),
      dataDir: kafkaData,
      metaProperties: join(kafkaData, 'meta.properties'),
      serverProperties: join(kafkaDir, 'server.properties'),
      clusterIdFile: join(kafkaDir, 'cluster-id'),
      pidFile: join(kafkaDir, 'kafka.pid'),
      logFile: join(logsDir, 'kafka.log'),
    },
    ferretdb: {
      dir: ferretDir,
      binDir: ferretBin,
      binary: join(ferretBin, 'ferretdb'),
      binMarker: join(ferretBin, '.provisioned'),
      dataDir: join(ferretDir, 'data'),
      stateDir: join(ferretDir, 'state'),
      pidFile: join(ferretDir, 'ferretdb.pid'),
      logFile: join(logsDir, 'ferretdb.log'),
    },
    postgres: {
      dir: postgresDir,
      dataDir: join(postgresDir, 'data'),
      pidFile: join(postgresDir, 'postgres.pid'),
      logFile: join(logsDir, 'postgres.log'),
    },
  };
}

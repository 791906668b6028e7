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
}

export const REPO_ROOT = resolve(__dirname, '..', '..');

export function localPaths(repoRoot: string = REPO_ROOT): LocalPaths {
  const localDir = join(repoRoot, '.local');
  const logsDir = join(localDir, 'logs');
  const kafkaDir = join(localDir, 'kafka');
  const ferretDir = join(localDir, 'ferretdb');
  const kafkaData = join(kafkaDir, 'data');
  const ferretBin = join(ferretDir, 'bin');
  return {
    repoRoot,
    localDir,
    logsDir,
    lockDir: join(localDir, 'infra.lock'),
    envFile: join(localDir, 'infra.env'),
    kafka: {
      dir: kafkaDir,
      pom: join(kafkaDir, 'pom.xml'),
      libDir: join(kafkaDir, 'lib'),
      libMarker: join(kafkaDir, 'lib', '.provisioned'),
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
  };
}

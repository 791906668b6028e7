import {
  type Endpoints,
  endpointsFromEnv,
  forcedMode,
  type InfraMode,
  LOCAL_HOST,
  LOCAL_PARTNER,
  localEndpoints,
  partialEnvWarning,
  readLocalPorts,
} from './config';
import { COMPOSE_ENDPOINTS, composeStop, composeUp, dockerEngineAnswers } from './docker';
import { isLocalRunning, upLocal } from './local';
import { log } from './log';
import { localPaths, REPO_ROOT } from './paths';

/** How a partner reaches the public topics: its own authenticated listener, held to ACLs. */
export interface PartnerAccess {
  brokers: string;
  username: string;
  password: string;
  mechanism: 'scram-sha-512';
}

export interface Infrastructure {
  kafkaBrokers: string;
  mongodbUri: string;
  mode: 'env' | 'docker' | 'local';
  /** Present where this project configured the broker itself (local mode). */
  partner?: PartnerAccess;
  stop(): Promise<void>;
}

export type Purpose = 'start' | 'test';

const noop = async (): Promise<void> => undefined;

/** Hides credentials when a URI is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, '//***@');
}

export function describeInfrastructure(infra: Pick<Infrastructure, 'kafkaBrokers' | 'mongodbUri' | 'mode'>): string {
  return `mode ${infra.mode}: KAFKA_BROKERS=${infra.kafkaBrokers} MONGODB_URI=${redactUri(infra.mongodbUri)}`;
}

/** Docker is probed only when no mode is forced, since `docker info` can take seconds. */
export function chooseMode(env: NodeJS.ProcessEnv, dockerAnswers: () => boolean = dockerEngineAnswers): InfraMode {
  if (endpointsFromEnv(env)) return 'env';
  return forcedMode(env) ?? (dockerAnswers() ? 'docker' : 'local');
}

function fromEnvironment(endpoints: Endpoints): Infrastructure {
  const local = localEndpoints(readLocalPorts(process.env));
  const pointsAtLocal = endpoints.kafkaBrokers === local.kafkaBrokers && endpoints.mongodbUri === local.mongodbUri;
  // Typically a shell that sourced .local/infra.env: the environment wins, so say why nothing gets started.
  if (pointsAtLocal && !isLocalRunning(localPaths())) {
    log('KAFKA_BROKERS and MONGODB_URI name the local infrastructure, which is not running: unset them to start it');
  }
  return { ...endpoints, mode: 'env', stop: noop };
}

async function withDocker(purpose: Purpose): Promise<Infrastructure> {
  if (purpose === 'test') {
    const { startTestContainers } = await import('./containers');
    const containers = await startTestContainers();
    return { ...containers.endpoints, mode: 'docker', stop: containers.stop };
  }
  log('starting kafka and mongo with docker compose');
  await composeUp(REPO_ROOT);
  return { ...COMPOSE_ENDPOINTS, mode: 'docker', stop: () => composeStop(REPO_ROOT) };
}

async function withLocalProcesses(): Promise<Infrastructure> {
  const ports = readLocalPorts(process.env);
  const endpoints = await upLocal(localPaths(), ports);
  const partner = { brokers: `${LOCAL_HOST}:${ports.kafkaPartner}`, ...LOCAL_PARTNER };
  // Local infrastructure deliberately outlives test runs; `infra:down` stops it.
  return { ...endpoints, mode: 'local', partner, stop: noop };
}

/**
 * Finds Kafka and MongoDB: existing ones from KAFKA_BROKERS/MONGODB_URI, else Docker (compose for 'start',
 * testcontainers for 'test'), else local Kafka + FerretDB processes provisioned into .local/.
 */
export async function resolveInfrastructure(purpose: Purpose): Promise<Infrastructure> {
  const warning = partialEnvWarning(process.env);
  if (warning) log(warning);
  const endpoints = endpointsFromEnv(process.env);
  if (endpoints) return fromEnvironment(endpoints);
  return chooseMode(process.env) === 'docker' ? withDocker(purpose) : withLocalProcesses();
}

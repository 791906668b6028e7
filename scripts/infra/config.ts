import { InfraError } from './log';

export const KAFKA_VERSION = '4.1.1';
export const SLF4J_SIMPLE_VERSION = '1.7.36';
export const FERRETDB_VERSION = 'v1.24.2';
export const FERRETDB_MODULE = 'github.com/FerretDB/FerretDB';
export const LOCAL_HOST = '127.0.0.1';

export type InfraMode = 'env' | 'docker' | 'local';

export interface Endpoints {
  kafkaBrokers: string;
  mongodbUri: string;
}

export interface LocalPorts {
  kafka: number;
  kafkaController: number;
  /** SASL/SCRAM listener for partners, who may read `news.*` topics and nothing else. */
  kafkaPartner: number;
  mongodb: number;
  /** The PostgreSQL server behind FerretDB (backend `postgresql`). */
  postgres: number;
}

/**
 * Where the local FerretDB keeps its data. PostgreSQL is the default: FerretDB 1.24 pushes equality
 * filters down to it and it measured 2–13× faster on filtered reads and 2–4× on writes than SQLite
 * (docs/BENCHMARKS.md, "Store backends"). SQLite needs no second process and no PostgreSQL install.
 */
export type StoreBackend = 'postgresql' | 'sqlite';

/** The partner principal of the local broker (development credentials, like the dev API key). */
export const LOCAL_PARTNER = { username: 'partner', password: 'partner-secret', mechanism: 'scram-sha-512' } as const;

/** What a partner may read: every public topic, with consumer groups of its own. */
export const PARTNER_TOPIC_PREFIX = 'news.';
export const PARTNER_GROUP_PREFIX = 'partner';

type Env = Record<string, string | undefined>;

export function readLocalPorts(env: Env): LocalPorts {
  const kafka = parsePort('LOCAL_KAFKA_PORT', env.LOCAL_KAFKA_PORT, 9092);
  // The controller and partner listeners take the next two ports, so those must exist too.
  if (kafka >= 65534) {
    throw new InfraError(`LOCAL_KAFKA_PORT must be below 65534 (the controller uses port + 1, partners port + 2), got ${kafka}`);
  }
  const mongodb = parsePort('LOCAL_MONGODB_PORT', env.LOCAL_MONGODB_PORT, 27017);
  if (mongodb >= kafka && mongodb <= kafka + 2) {
    throw new InfraError(`LOCAL_MONGODB_PORT (${mongodb}) clashes with the Kafka ports ${kafka}-${kafka + 2}`);
  }
  // Default: the port after FerretDB's, so an instance on other ports (chaos, a CI rehearsal) moves it too.
  const postgres = parsePort('LOCAL_POSTGRES_PORT', env.LOCAL_POSTGRES_PORT, mongodb + 1);
  if (postgres === mongodb || (postgres >= kafka && postgres <= kafka + 2)) {
    throw new InfraError(
      `LOCAL_POSTGRES_PORT (${postgres}) clashes with the store port ${mongodb} or the Kafka ports ${kafka}-${kafka + 2}`,
    );
  }
  return { kafka, kafkaController: kafka + 1, kafkaPartner: kafka + 2, mongodb, postgres };
}

export function readStoreBackend(env: Env): StoreBackend {
  const raw = env.LOCAL_STORE_BACKEND?.trim();
  if (!raw) return 'postgresql';
  if (raw === 'postgresql' || raw === 'sqlite') return raw;
  throw new InfraError(`LOCAL_STORE_BACKEND must be "postgresql" or "sqlite", got "${raw}"`);
}

export function parsePort(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new InfraError(`${name} must be a TCP port between 1 and 65535, got "${raw}"`);
  }
  return value;
}

export function localEndpoints(ports: LocalPorts): Endpoints {
  return {
    kafkaBrokers: `${LOCAL_HOST}:${ports.kafka}`,
    mongodbUri: `mongodb://${LOCAL_HOST}:${ports.mongodb}/`,
  };
}

export function endpointsFromEnv(env: Env): Endpoints | undefined {
  const kafkaBrokers = env.KAFKA_BROKERS?.trim();
  const mongodbUri = env.MONGODB_URI?.trim();
  if (!kafkaBrokers || !mongodbUri) return undefined;
  return { kafkaBrokers, mongodbUri };
}

/** Lets a machine with Docker still choose local processes (or insist on Docker). */
export function forcedMode(env: Env): Exclude<InfraMode, 'env'> | undefined {
  const raw = env.INFRA_MODE?.trim();
  if (!raw) return undefined;
  if (raw === 'docker' || raw === 'local') return raw;
  throw new InfraError(`INFRA_MODE must be "docker" or "local", got "${raw}"`);
}

export function partialEnvWarning(env: Env): string | undefined {
  const hasKafka = Boolean(env.KAFKA_BROKERS?.trim());
  const hasMongo = Boolean(env.MONGODB_URI?.trim());
  if (hasKafka === hasMongo) return undefined;
  const [set, unset] = hasKafka ? ['KAFKA_BROKERS', 'MONGODB_URI'] : ['MONGODB_URI', 'KAFKA_BROKERS'];
  return `${set} is set but ${unset} is not: ignoring ${set} (set both to use existing infrastructure)`;
}

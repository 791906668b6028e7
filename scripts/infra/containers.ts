import { randomBytes } from 'node:crypto';
import type { Endpoints } from './config';
import { log, seconds } from './log';
import { kafkaAnswers, waitUntil } from './readiness';

export const KAFKA_IMAGE = 'apache/kafka:4.1.1';
export const MONGO_IMAGE = 'mongo:8';

const KAFKA_HOST_PORT = 9092;
const STARTER_SCRIPT = '/tmp/infra-start-kafka.sh';
const WAITING_MESSAGE = 'infra: waiting for the starter script';

export interface RunningContainers {
  endpoints: Endpoints;
  stop(): Promise<void>;
}

interface Stoppable {
  stop(): Promise<unknown>;
}

/**
 * Environment for apache/kafka's own start script. Once any KAFKA_* variable is set the image ignores its
 * default server.properties, so this is the complete single-node KRaft configuration.
 */
export function kafkaContainerEnv(clusterId: string): Record<string, string> {
  return {
    CLUSTER_ID: clusterId,
    KAFKA_NODE_ID: '1',
    KAFKA_PROCESS_ROLES: 'broker,controller',
    KAFKA_CONTROLLER_QUORUM_VOTERS: '1@localhost:9093',
    KAFKA_LISTENERS: `PLAINTEXT://0.0.0.0:${KAFKA_HOST_PORT},BROKER://0.0.0.0:19092,CONTROLLER://0.0.0.0:9093`,
    KAFKA_LISTENER_SECURITY_PROTOCOL_MAP: 'PLAINTEXT:PLAINTEXT,BROKER:PLAINTEXT,CONTROLLER:PLAINTEXT',
    KAFKA_INTER_BROKER_LISTENER_NAME: 'BROKER',
    KAFKA_CONTROLLER_LISTENER_NAMES: 'CONTROLLER',
    KAFKA_LOG_DIRS: '/tmp/kraft-combined-logs',
    KAFKA_NUM_PARTITIONS: '6',
    KAFKA_AUTO_CREATE_TOPICS_ENABLE: 'false',
    KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS: '1',
    KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR: '1',
    KAFKA_TRANSACTION_STATE_LOG_MIN_ISR: '1',
    KAFKA_SHARE_COORDINATOR_STATE_TOPIC_REPLICATION_FACTOR: '1',
    KAFKA_SHARE_COORDINATOR_STATE_TOPIC_MIN_ISR: '1',
    KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS: '0',
  };
}

/** The advertised host listener must name the mapped port, known only after the container started. */
export function kafkaStarterScript(hostBrokers: string): string {
  return [
    '#!/bin/sh',
    `export KAFKA_ADVERTISED_LISTENERS='PLAINTEXT://${hostBrokers},BROKER://localhost:19092'`,
    'exec /etc/kafka/docker/run',
    '',
  ].join('\n');
}

async function startKafkaContainer(): Promise<{ brokers: string; container: Stoppable }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(KAFKA_IMAGE)
    .withExposedPorts(KAFKA_HOST_PORT)
    .withEnvironment(kafkaContainerEnv(randomBytes(16).toString('base64url')))
    .withEntrypoint(['sh'])
    .withCommand(['-c', `echo '${WAITING_MESSAGE}'; while [ ! -f ${STARTER_SCRIPT} ]; do sleep 0.1; done; exec sh ${STARTER_SCRIPT}`])
    .withWaitStrategy(Wait.forLogMessage(WAITING_MESSAGE))
    .withStartupTimeout(120_000)
    .start();
  const brokers = `${container.getHost()}:${container.getMappedPort(KAFKA_HOST_PORT)}`;
  try {
    await container.copyContentToContainer([{ content: kafkaStarterScript(brokers), target: STARTER_SCRIPT, mode: 0o755 }]);
    await waitUntil(`kafka container (${KAFKA_IMAGE}) at ${brokers}`, () => kafkaAnswers(brokers), {
      timeoutMs: 120_000,
    });
  } catch (error) {
    await container.stop().catch(() => undefined);
    throw error;
  }
  return { brokers, container };
}

async function startMongoContainer(): Promise<{ uri: string; container: Stoppable }> {
  const { MongoDBContainer } = await import('@testcontainers/mongodb');
  const container = await new MongoDBContainer(MONGO_IMAGE).start();
  // The image runs as a one-member replica set whose member name only resolves inside Docker.
  return { uri: `${container.getConnectionString()}/?directConnection=true`, container };
}

export async function startTestContainers(): Promise<RunningContainers> {
  const started = Date.now();
  log(`starting containers ${KAFKA_IMAGE} and ${MONGO_IMAGE}`);
  const [kafka, mongo] = await Promise.allSettled([startKafkaContainer(), startMongoContainer()]);
  if (kafka.status === 'rejected' || mongo.status === 'rejected') {
    const survivors = [kafka, mongo].flatMap((r) => (r.status === 'fulfilled' ? [r.value.container] : []));
    await Promise.all(survivors.map((c) => c.stop().catch(() => undefined)));
    throw kafka.status === 'rejected' ? kafka.reason : (mongo as PromiseRejectedResult).reason;
  }
  log(`containers ready after ${seconds(started)}`);
  return {
    endpoints: { kafkaBrokers: kafka.value.brokers, mongodbUri: mongo.value.uri },
    stop: async () => {
      await Promise.all([kafka.value.container.stop(), mongo.value.container.stop()]);
    },
  };
}

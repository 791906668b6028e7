import { Kafka, logLevel } from 'kafkajs';
import mongoose from 'mongoose';
import { join, resolve } from 'node:path';
import { freePort } from './free-port';
import { newRunId } from './run-id';
import { ServiceName, ServiceProcess } from './service-process';

export const TEST_INGEST_KEY = 'test-ingest-key-0001';
export const TEST_SOURCE = 'wire';

const START_ORDER: ServiceName[] = ['article', 'feed', 'comment', 'ingest', 'gateway'];

/**
 * The five services as separate processes against the real Kafka and store, isolated from every
 * other run by a topic prefix, per-run databases and consumer groups.
 */
export class TestSystem {
  readonly services = new Map<ServiceName, ServiceProcess>();
  readonly replicas: ServiceProcess[] = [];

  private constructor(
    readonly runId: string,
    readonly topicPrefix: string,
  ) {}

  static async start(label: string, only: ServiceName[] = START_ORDER, extraEnv: Record<string, string> = {}): Promise<TestSystem> {
    const runId = newRunId(label);
    const system = new TestSystem(runId, `${runId}.`);
    const ports = Object.fromEntries(await Promise.all(START_ORDER.map(async (name) => [name, await freePort()] as const))) as Record<
      ServiceName,
      number
    >;
    const logDir = resolve(__dirname, '../../../artifacts/logs', runId);
    for (const name of START_ORDER.filter((service) => only.includes(service))) {
      const env = {
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        KAFKA_TOPIC_PREFIX: system.topicPrefix,
        KAFKA_CONSUMER_GROUP: `${runId}-${name}`,
        MONGODB_DATABASE: databaseName(runId, name),
        INGEST_API_KEYS: `${TEST_SOURCE}:${TEST_INGEST_KEY}`,
        FEED_SERVICE_URL: `http://127.0.0.1:${ports.feed}`,
        ARTICLE_SERVICE_URL: `http://127.0.0.1:${ports.article}`,
        COMMENT_SERVICE_URL: `http://127.0.0.1:${ports.comment}`,
        PUBLIC_BASE_URL: `http://127.0.0.1:${ports.gateway}`,
        CONSUMER_RETRY_BASE_MS: '20',
        ...extraEnv,
      };
      system.services.set(name, new ServiceProcess(name, ports[name], env, join(logDir)));
    }
    try {
      // Consumers first, so their groups exist before anything is published.
      for (const service of system.services.values()) await service.start();
    } catch (error) {
      await system.stop();
      throw error;
    }
    return system;
  }

  /** Starts one more replica of a running service: it joins the same consumer group. */
  async addReplica(name: ServiceName): Promise<ServiceProcess> {
    const count = this.replicas.filter((replica) => replica.name === name).length;
    const replica = this.service(name).replica(await freePort(), `${name}-${count + 2}`);
    this.replicas.push(replica);
    await replica.start();
    return replica;
  }

  service(name: ServiceName): ServiceProcess {
    const service = this.services.get(name);
    if (!service) throw new Error(`${name} is not part of this test system`);
    return service;
  }

  url(name: ServiceName): string {
    return this.service(name).url;
  }

  topic(logical: string): string {
    return `${this.topicPrefix}${logical}`;
  }

  /** Stops every service, then deletes this run's topics and databases (KEEP_TEST_DATA=1 keeps them). */
  async stop(): Promise<void> {
    await Promise.all([...this.services.values(), ...this.replicas].filter((s) => s.running).map((s) => s.stop('SIGTERM')));
    if (process.env.KEEP_TEST_DATA !== '1') await this.removeData();
  }

  private async removeData(): Promise<void> {
    const admin = new Kafka({
      clientId: 'frontpage-tests',
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(this.topicPrefix));
      if (topics.length > 0) await admin.deleteTopics({ topics });
    } finally {
      await admin.disconnect();
    }
    const connection = await mongoose.createConnection(process.env.MONGODB_URI!).asPromise();
    try {
      for (const name of this.services.keys()) await connection.useDb(databaseName(this.runId, name)).dropDatabase();
    } finally {
      await connection.close();
    }
  }
}

function databaseName(runId: string, service: ServiceName): string {
  return `${runId}-${service}`.slice(0, 60);
}

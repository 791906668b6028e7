import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { ALL_TOPICS, deadLetterTopicOf, isRetainedTopic } from '@frontpage/contracts';
import { SERVICE_NAME, ServiceConfig } from '@frontpage/config';
import { HealthRegistry } from '@frontpage/platform';
import { Admin, Kafka, logLevel, LogEntry, Partitioners, Producer } from 'kafkajs';
import { backoffDelay } from './failure-policy';
import { fixKafkajsIdleTimers } from './kafkajs-idle-timer-fix';

// Before any client connects: every request queue kafkajs creates from now on is quiet when idle.
fixKafkajsIdleTimers();

/** How long start-up waits for the broker to create and elect leaders for the topics. */
const TOPIC_PATIENCE_MS = 60_000;

const RETAIN_FOREVER = [
  { name: 'retention.ms', value: '-1' },
  { name: 'retention.bytes', value: '-1' },
];

/**
 * The service's Kafka client, admin and producer. At start-up it creates every topic (and its
 * dead-letter topic) so consumers never meet a missing partition; at shutdown it closes after the
 * consumer has finished, because Nest closes microservices before calling shutdown hooks.
 */
@Injectable()
export class KafkaConnection implements OnModuleInit, OnApplicationShutdown {
  readonly kafka: Kafka;
  readonly producer: Producer;
  private readonly admin: Admin;
  private readonly logger = new Logger('Kafka');

  constructor(
    readonly config: ServiceConfig,
    @Inject(SERVICE_NAME) readonly serviceName: string,
    private readonly health: HealthRegistry,
  ) {
    this.kafka = new Kafka({
      clientId: config.KAFKA_CLIENT_ID ?? `frontpage-${serviceName}`,
      brokers: config.KAFKA_BROKERS,
      connectionTimeout: 3000,
      requestTimeout: 30000,
      retry: { initialRetryTime: 100, retries: 8 },
      logLevel: logLevel.WARN,
      logCreator: () => (entry) => this.logKafka(entry),
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /** The topic name on the cluster: the logical name behind the configured prefix. */
  physical(topic: string): string {
    return `${this.config.KAFKA_TOPIC_PREFIX}${topic}`;
  }

  logical(physicalTopic: string): string {
    const prefix = this.config.KAFKA_TOPIC_PREFIX;
    return prefix && physicalTopic.startsWith(prefix) ? physicalTopic.slice(prefix.length) : physicalTopic;
  }

  async onModuleInit(): Promise<void> {
    await this.admin.connect();
    await this.ensureTopics();
    await this.producer.connect();
    this.health.register('kafka', async () => {
      const cluster = await this.admin.describeCluster();
      return { ok: cluster.brokers.length > 0, detail: `${cluster.brokers.length} broker(s)` };
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
    await this.admin.disconnect();
  }

  /**
   * Creates the missing topics, waiting out a broker that is slow to answer for them: when every
   * service starts at once, each asks for the same topics, and a loaded broker may still answer
   * "does not host this topic-partition" after kafkajs's own retries. Start-up then waits (up to
   * TOPIC_PATIENCE_MS) instead of exiting; any other error, or the same one past that, stops it.
   */
  private async ensureTopics(): Promise<void> {
    const deadline = Date.now() + TOPIC_PATIENCE_MS;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.createMissingTopics();
      } catch (error) {
        if ((error as { retriable?: unknown }).retriable !== true || Date.now() > deadline) throw error;
        this.logger.warn({ msg: 'topics not ready yet; trying again', attempt, error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, backoffDelay(attempt, 500, 5000)));
      }
    }
  }

  private async createMissingTopics(): Promise<void> {
    const logical = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopicOf(topic)]);
    const existing = new Set(await this.admin.listTopics());
    const missing = logical.filter((topic) => !existing.has(this.physical(topic)));
    if (missing.length === 0) return;
    try {
      await this.admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((topic) => ({
          topic: this.physical(topic),
          numPartitions: this.config.KAFKA_TOPIC_PARTITIONS,
          replicationFactor: this.config.KAFKA_REPLICATION_FACTOR,
          configEntries: isRetainedTopic(topic) ? RETAIN_FOREVER : [],
        })),
      });
      this.logger.log(`created topics: ${missing.map((topic) => this.physical(topic)).join(', ')}`);
    } catch (error) {
      // Another service may create the same topics at the same moment.
      if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') throw error;
    }
  }

  private logKafka({ level, log }: LogEntry): void {
    const { message, ...extra } = log;
    const line = { msg: `kafkajs: ${message}`, ...extra };
    // kafkajs logs every error response at ERROR, though it retries the retriable ones (a leader
    // moving, a coordinator loading); those are warnings. Failures that stop work surface elsewhere.
    const retried = level === logLevel.ERROR && message.startsWith('Response ');
    if (level === logLevel.ERROR && !retried) this.logger.error(line);
    else if (level === logLevel.WARN || retried) this.logger.warn(line);
    else this.logger.debug(line);
  }
}

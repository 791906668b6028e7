import { Consumer, IHeaders, Kafka, KafkaMessage, logLevel, Partitioners, Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface ProbedMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

/** A plain kafkajs client for tests: writes raw messages (good or poisonous) and reads topics back. */
export class KafkaProbe {
  private readonly kafka = new Kafka({
    clientId: 'frontpage-tests',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  private producer?: Producer;
  private readonly consumers: Consumer[] = [];

  async send(topic: string, message: { key?: string; value: string | Buffer | null; headers?: IHeaders }): Promise<void> {
    if (!this.producer) {
      this.producer = this.kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
      await this.producer.connect();
    }
    await this.producer.send({ topic, acks: -1, messages: [{ key: message.key ?? null, value: message.value, headers: message.headers }] });
  }

  /** Collects every message on `topic` from the beginning, as it arrives, into the returned array. */
  async collect(topic: string): Promise<ProbedMessage[]> {
    const received: ProbedMessage[] = [];
    const consumer = this.kafka.consumer({
      groupId: `probe-${randomUUID()}`,
      sessionTimeout: 6000,
      heartbeatInterval: 500,
      maxWaitTimeInMs: 100,
    });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    await consumer.run({ eachMessage: async ({ partition, message }) => void received.push(toProbed(partition, message)) });
    return received;
  }

  async close(): Promise<void> {
    await Promise.all(this.consumers.map((consumer) => consumer.disconnect()));
    await this.producer?.disconnect();
  }
}

function toProbed(partition: number, message: KafkaMessage): ProbedMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
  return { key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers, partition, offset: message.offset };
}

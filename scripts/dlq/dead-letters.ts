import { Admin, IHeaders, Kafka, KafkaMessage, logLevel } from 'kafkajs';

/** Headers the consumer adds when it dead-letters a message (see libs/messaging/src/dead-letter.ts). */
const DLQ_HEADER_PREFIX = 'dlq_';
export const REPLAYED_FROM_HEADER = 'dlq_replayed_from';
const REPLAY_GROUP = 'frontpage-dlq-replay';

export interface DeadLetter {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer | null;
  headers: Record<string, string>;
  replayed: boolean;
}

export interface DeadLetterOptions {
  brokers: string[];
  /** The logical topic whose dead letters to read, e.g. ingest.articles.v1 (without `.dlq`). */
  topic: string;
  /** KAFKA_TOPIC_PREFIX of the deployment. */
  prefix: string;
}

export function dlqTopic(options: DeadLetterOptions): string {
  return `${options.prefix}${options.topic}.dlq`;
}

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'frontpage-dlq', brokers, logLevel: logLevel.NOTHING });
}

/** Every dead letter of the topic, oldest first per partition, marked if `replay` already re-sent it. */
export async function listDeadLetters(options: DeadLetterOptions): Promise<DeadLetter[]> {
  const kafka = client(options.brokers);
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topic = dlqTopic(options);
    if (!(await admin.listTopics()).includes(topic)) {
      throw new Error(`there is no topic ${topic} on this cluster (is --prefix right?)`);
    }
    const ends = await admin.fetchTopicOffsets(topic);
    const replayedUpTo = await replayPosition(admin, topic);
    const wanted = ends.filter((p) => BigInt(p.high) > BigInt(p.low));
    if (wanted.length === 0) return [];
    const letters = await readUntil(kafka, topic, new Map(wanted.map((p) => [p.partition, BigInt(p.high)])));
    return letters.map((letter) => ({ ...letter, replayed: BigInt(letter.offset) < (replayedUpTo.get(letter.partition) ?? 0n) }));
  } finally {
    await admin.disconnect();
  }
}

/**
 * Re-sends dead letters to the topic they came from, with their original headers, and remembers
 * (as committed offsets of its own consumer group) which ones it has re-sent, so running it again
 * re-sends nothing twice. `only` restricts it to one `partition:offset`.
 */
export async function replayDeadLetters(options: DeadLetterOptions, only?: { partition: number; offset: string }): Promise<DeadLetter[]> {
  const kafka = client(options.brokers);
  const pending = (await listDeadLetters(options)).filter(
    (letter) => !letter.replayed && (!only || (letter.partition === only.partition && letter.offset === only.offset)),
  );
  if (pending.length === 0) return [];
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  const admin = kafka.admin();
  await Promise.all([producer.connect(), admin.connect()]);
  try {
    for (const letter of pending) {
      const original = letter.headers.dlq_original_topic ?? options.topic;
      await producer.send({
        topic: `${options.prefix}${original}`,
        acks: -1,
        messages: [{ key: letter.key, value: letter.value, headers: replayHeaders(letter, dlqTopic(options)) }],
      });
    }
    if (!only) {
      const next = new Map<number, bigint>();
      for (const letter of pending) next.set(letter.partition, BigInt(letter.offset) + 1n);
      await admin.setOffsets({
        groupId: REPLAY_GROUP,
        topic: dlqTopic(options),
        partitions: [...next].map(([partition, offset]) => ({ partition, offset: offset.toString() })),
      });
    }
    return pending;
  } finally {
    await Promise.all([producer.disconnect(), admin.disconnect()]);
  }
}

function replayHeaders(letter: DeadLetter, fromTopic: string): IHeaders {
  const headers: IHeaders = {};
  for (const [name, value] of Object.entries(letter.headers)) if (!name.startsWith(DLQ_HEADER_PREFIX)) headers[name] = value;
  headers[REPLAYED_FROM_HEADER] = `${fromTopic}:${letter.partition}:${letter.offset}`;
  return headers;
}

async function replayPosition(admin: Admin, topic: string): Promise<Map<number, bigint>> {
  const groups = await admin.fetchOffsets({ groupId: REPLAY_GROUP, topics: [topic] });
  const positions = new Map<number, bigint>();
  for (const { partition, offset } of groups[0]?.partitions ?? []) if (offset !== '-1') positions.set(partition, BigInt(offset));
  return positions;
}

/** Reads each partition from its start up to `ends` (exclusive) without joining a group. */
async function readUntil(kafka: Kafka, topic: string, ends: Map<number, bigint>): Promise<Omit<DeadLetter, 'replayed'>[]> {
  const consumer = kafka.consumer({ groupId: `frontpage-dlq-reader-${process.pid}-${Date.now()}`, maxWaitTimeInMs: 100 });
  const letters: Omit<DeadLetter, 'replayed'>[] = [];
  const remaining = new Set(ends.keys());
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out reading ${topic}`)), 30_000);
      void consumer.run({
        autoCommit: false,
        eachMessage: async ({ partition, message }) => {
          const end = ends.get(partition);
          if (end === undefined || BigInt(message.offset) >= end) return;
          letters.push(toLetter(partition, message));
          if (BigInt(message.offset) + 1n >= end) remaining.delete(partition);
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
  return letters.sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)));
}

function toLetter(partition: number, message: KafkaMessage): Omit<DeadLetter, 'replayed'> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) if (value !== undefined) headers[name] = value.toString();
  return { partition, offset: message.offset, key: message.key?.toString() ?? null, value: message.value, headers };
}

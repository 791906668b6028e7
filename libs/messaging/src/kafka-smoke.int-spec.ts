import { eventually, newRunId } from '@frontpage/testing';
import { Admin, Consumer, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';

const PARTITIONS = 6;
const MESSAGES = 60;
const KEYS = 12;

/**
 * The client the services use (kafkajs 2.2.4) against the broker we run: topic creation, keyed
 * produce with acks from every in-sync replica, group consumption and manual commits.
 */
describe('kafkajs against the broker', () => {
  const run = newRunId('smoke');
  const topic = `${run}.smoke`;
  const groupId = `${run}-group`;
  const kafka = new Kafka({
    clientId: run,
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });
  let admin: Admin;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a topic with every partition led, and consumes each keyed message once with committed offsets', async () => {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata.partitions).toHaveLength(PARTITIONS);
    expect(metadata.partitions.every((partition) => partition.leader >= 0)).toBe(true);

    producer = kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    const sent = Array.from({ length: MESSAGES }, (_, i) => ({ key: `key-${i % KEYS}`, value: `message-${i}` }));
    const acknowledged = await producer.send({ topic, acks: -1, messages: sent });
    expect(acknowledged.every((record) => record.errorCode === 0)).toBe(true);

    const received: { key: string; value: string; partition: number; offset: string }[] = [];
    consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
    const c = consumer;
    await c.connect();
    await c.subscribe({ topic, fromBeginning: true });
    await c.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push({ key: message.key!.toString(), value: message.value!.toString(), partition, offset: message.offset });
        // The committed offset is the next one to read, not the one just handled.
        await c.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      },
    });

    await eventually(() => expect(received.length).toBeGreaterThanOrEqual(MESSAGES), { timeoutMs: 30_000 });
    expect(received.map((m) => m.value).sort()).toEqual(sent.map((m) => m.value).sort());
    expect(received).toHaveLength(MESSAGES);

    // Same key, same partition; and the keys spread over more than one partition.
    const partitionOfKey = new Map<string, Set<number>>();
    for (const message of received) partitionOfKey.set(message.key, (partitionOfKey.get(message.key) ?? new Set()).add(message.partition));
    expect([...partitionOfKey.values()].every((partitions) => partitions.size === 1)).toBe(true);
    const countPerPartition = new Map<number, number>();
    for (const message of received) countPerPartition.set(message.partition, (countPerPartition.get(message.partition) ?? 0) + 1);
    expect(countPerPartition.size).toBeGreaterThan(1);

    // Within a partition, messages arrive in offset order.
    for (const partition of countPerPartition.keys()) {
      const offsets = received.filter((m) => m.partition === partition).map((m) => Number(m.offset));
      expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    }

    const expected = Object.fromEntries(
      Array.from({ length: PARTITIONS }, (_, partition) => [partition, countPerPartition.get(partition) ?? 0]),
    );
    // The last commit may still be in flight when its message has been recorded.
    await eventually(async () => {
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      expect(Object.fromEntries(committed.partitions.map((p) => [p.partition, Math.max(0, Number(p.offset))]))).toEqual(expected);
    });

    const highWatermarks = await admin.fetchTopicOffsets(topic);
    expect(Object.fromEntries(highWatermarks.map((p) => [p.partition, Number(p.high)]))).toEqual(expected);
  });
});

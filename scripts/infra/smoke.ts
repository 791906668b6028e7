/**
 * Proves the resolved infrastructure works with the clients the services use (kafkajs 2.2.4, mongoose):
 * creates a 6-partition topic, produces, consumes in a group with manual commits, checks the committed
 * offsets, then does a MongoDB round trip. Usage: npx tsx scripts/infra/smoke.ts
 */
import { Kafka, logLevel, Partitioners } from 'kafkajs';
import mongoose from 'mongoose';
import { resolveInfrastructure } from './index';
import { InfraError, log, logError, seconds } from './log';
import { sleep } from './processes';

const PARTITIONS = 6;
const MESSAGES = 60;
const CONSUME_TIMEOUT_MS = 60_000;

function check(condition: boolean, message: string): void {
  if (!condition) throw new InfraError(`smoke: ${message}`);
}

async function produce(kafka: Kafka, topic: string): Promise<void> {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({ key: `key-${i % 12}`, value: `message-${i}` }));
  await producer.send({ topic, messages });
  await producer.disconnect();
}

async function consume(kafka: Kafka, topic: string, groupId: string): Promise<Set<number>> {
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000, maxWaitTimeInMs: 200 });
  const received = new Set<string>();
  const partitions = new Set<number>();
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      received.add(message.value?.toString() ?? '');
      partitions.add(partition);
      // The committed offset is the next one to read.
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
    },
  });
  const deadline = Date.now() + CONSUME_TIMEOUT_MS;
  while (received.size < MESSAGES && Date.now() < deadline) await sleep(100);
  await consumer.disconnect();
  check(received.size === MESSAGES, `consumed ${received.size} of ${MESSAGES} messages`);
  return partitions;
}

async function kafkaSmoke(brokers: string): Promise<void> {
  const run = `infra-smoke-${Date.now()}`;
  const kafka = new Kafka({ clientId: run, brokers: brokers.split(','), logLevel: logLevel.WARN });
  const admin = kafka.admin();
  await admin.connect();
  try {
    let step = Date.now();
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: run, numPartitions: PARTITIONS, replicationFactor: 1 }],
    });
    const metadata = await admin.fetchTopicMetadata({ topics: [run] });
    check(metadata.topics[0].partitions.length === PARTITIONS, `topic has ${metadata.topics[0].partitions.length} partitions`);
    log(`smoke: created ${run} with ${PARTITIONS} partitions (${seconds(step)})`);
    step = Date.now();
    await produce(kafka, run);
    log(`smoke: produced ${MESSAGES} messages (${seconds(step)})`);
    step = Date.now();
    const partitions = await consume(kafka, run, run);
    log(`smoke: consumed and committed all ${MESSAGES} from ${partitions.size} partitions in group ${run} (${seconds(step)})`);
    const [committed] = await admin.fetchOffsets({ groupId: run, topics: [run] });
    const total = committed.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    check(total === MESSAGES, `committed offsets add up to ${total}, expected ${MESSAGES}`);
    log('smoke: committed offsets verified');
    await admin.deleteGroups([run]);
    await admin.deleteTopics({ topics: [run] });
  } finally {
    await admin.disconnect();
  }
}

async function mongoSmoke(uri: string): Promise<void> {
  const step = Date.now();
  const connection = await mongoose.createConnection(uri, { dbName: 'infra_smoke' }).asPromise();
  try {
    const items = connection.collection<{ _id: string; n: number }>(`smoke_${Date.now()}`);
    await items.insertMany([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ]);
    await items.findOneAndUpdate({ _id: 'a' }, { $inc: { n: 10 } }, { upsert: true, returnDocument: 'after' });
    const a = await items.findOne({ _id: 'a' });
    check(a?.n === 11 && (await items.countDocuments()) === 2, 'MongoDB round trip returned unexpected data');
    await items.drop();
    log(`smoke: MongoDB insert/update/read ok (${seconds(step)})`);
  } finally {
    await connection.close();
  }
}

async function main(): Promise<void> {
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  // 'start' semantics: whatever this brings up stays up, like `infra:up`.
  const infra = await resolveInfrastructure('start');
  await kafkaSmoke(infra.kafkaBrokers);
  await mongoSmoke(infra.mongodbUri);
  log('smoke: all good');
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    logError(error instanceof Error ? (error instanceof InfraError ? error.message : (error.stack ?? error.message)) : String(error));
    process.exit(1);
  },
);

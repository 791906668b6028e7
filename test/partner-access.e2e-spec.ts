import { Topics } from '@frontpage/contracts';
import { eventually, newRunId } from '@frontpage/testing';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Admin, Kafka, logLevel, ResourcePatternTypes } from 'kafkajs';
import { PARTNER_TOPIC_PREFIX } from '../scripts/infra/config';
import { partnerAcls } from '../scripts/infra/partner-access';

const partner = {
  brokers: process.env.KAFKA_PARTNER_BROKERS,
  username: process.env.KAFKA_PARTNER_USERNAME ?? '',
  password: process.env.KAFKA_PARTNER_PASSWORD ?? '',
};

/**
 * A partner's own client: SASL/SCRAM on the partner listener. (kcat from Debian, on librdkafka 2.0.2,
 * fails SCRAM-SHA-512 against Kafka 4.1 with "invalid credentials" where kafkajs and the Java client
 * succeed; docs/partners.md says which librdkafka to use.)
 */
function partnerClient(password = partner.password): Kafka {
  return new Kafka({
    clientId: 'a-partner',
    brokers: [partner.brokers!],
    sasl: { mechanism: 'scram-sha-512', username: partner.username, password },
    logLevel: logLevel.NOTHING,
    retry: { retries: 1 },
  });
}

// The partner listener exists where this project configures the broker itself (local infrastructure).
const describeWithPartnerListener = partner.brokers ? describe : describe.skip;
if (!partner.brokers)
  process.stderr.write('partner access tests skipped: KAFKA_PARTNER_BROKERS is not set (local infrastructure sets it)\n');

describeWithPartnerListener('a partner principal on the broker', () => {
  const prefix = `${newRunId('partner')}.`;
  const topics = {
    public: `${prefix}${Topics.NewsArticles}`,
    ingest: `${prefix}${Topics.IngestArticles}`,
    submissions: `${prefix}${Topics.CommentSubmissions}`,
  };
  // The same ACLs the infrastructure grants on `news.`, granted on this run's prefixed topics.
  const runAcls = partnerAcls(`${prefix}${PARTNER_TOPIC_PREFIX}`, `${prefix}partner`);
  let admin: Admin;

  beforeAll(async () => {
    const kafka = new Kafka({ clientId: 'frontpage-tests', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 1 })) });
    const producer = kafka.producer();
    await producer.connect();
    for (const topic of Object.values(topics)) await producer.send({ topic, acks: -1, messages: [{ value: `hello from ${topic}` }] });
    await producer.disconnect();
    await admin.createAcls({ acl: runAcls });
  });

  afterAll(async () => {
    await admin.deleteAcls({ filters: runAcls });
    await admin.deleteTopics({ topics: Object.values(topics) });
    await admin.disconnect();
  });

  it('is granted news.* and partner groups by the infrastructure itself', async () => {
    const { resources } = await admin.describeAcls({
      resourceType: AclResourceTypes.ANY,
      resourcePatternType: ResourcePatternTypes.PREFIXED,
      principal: `User:${partner.username}`,
      host: '*',
      operation: AclOperationTypes.ANY,
      permissionType: AclPermissionTypes.ANY,
    });
    const granted = resources.map((r) => `${r.resourceType}:${r.resourceName}`);
    expect(granted).toEqual(expect.arrayContaining([`${AclResourceTypes.TOPIC}:news.`, `${AclResourceTypes.GROUP}:partner`]));
  });

  it(`reads ${Topics.NewsArticles} in a consumer group of its own`, async () => {
    const consumer = partnerClient().consumer({ groupId: `${prefix}partner-reader`, sessionTimeout: 6000, maxWaitTimeInMs: 100 });
    const received: string[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: topics.public, fromBeginning: true });
      await consumer.run({ eachMessage: async ({ message }) => void received.push(message.value!.toString()) });
      await eventually(() => expect(received).toEqual([`hello from ${topics.public}`]));
    } finally {
      await consumer.disconnect();
    }
  });

  it.each([
    ['internal ingest commands', 'ingest' as const],
    ['comment submissions, which carry personal data', 'submissions' as const],
  ])('is refused on %s', async (_, which) => {
    const consumer = partnerClient().consumer({ groupId: `${prefix}partner-snoop` });
    await consumer.connect();
    try {
      await expect(consumer.subscribe({ topic: topics[which], fromBeginning: true })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await consumer.disconnect();
    }
  });

  it('may not write to the public topic', async () => {
    const producer = partnerClient().producer();
    await producer.connect();
    try {
      await expect(producer.send({ topic: topics.public, messages: [{ value: 'forged event' }] })).rejects.toMatchObject({
        type: 'TOPIC_AUTHORIZATION_FAILED',
      });
    } finally {
      await producer.disconnect();
    }
  });

  it('is refused with a wrong password', async () => {
    const intruder = partnerClient('not-the-password').admin();
    await expect(intruder.connect()).rejects.toThrow(/SASL SCRAM SHA512 authentication failed/);
  });
});

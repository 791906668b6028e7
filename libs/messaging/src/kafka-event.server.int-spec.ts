import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ServiceConfig, ServiceConfigModule } from '@frontpage/config';
import { ALL_TOPICS, ArticlePublishedData, deadLetterTopicOf, ErrorCode, ErrorCodes, Topics } from '@frontpage/contracts';
import {
  AppError,
  contextFrom,
  currentContext,
  formatTraceparent,
  MetricsService,
  PlatformModule,
  runInContext,
} from '@frontpage/platform';
import { anArticleSnapshot, eventually, KafkaProbe, ProbedMessage } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Counter } from 'prom-client';
import { ConsumedEvent } from './consumed-event';
import { DLQ } from './dead-letter';
import { EventPublisher } from './event-publisher';
import { MessagingModule } from './messaging.module';

const SERVICE = 'messaging-test';
const MAX_ATTEMPTS = 3;
const RETRY_BASE_MS = 20;
const NEWS = Topics.NewsArticles;

/** A service's own config class, as every service has; the shared libraries see it as ServiceConfig. */
class MessagingTestConfig extends ServiceConfig {}

type Behaviour =
  | { kind: 'succeed' }
  | { kind: 'fail-then-succeed'; failures: number }
  | { kind: 'always-fail' }
  | { kind: 'permanent'; code: ErrorCode }
  | { kind: 'wait-for'; release: Promise<void> };

interface HandlerCall {
  event: ConsumedEvent<typeof NEWS>;
  correlationIdSeen?: string;
  traceIdSeen?: string;
  at: number;
  outcome?: 'succeeded' | 'threw';
}

/** What the handler does, per article id, and every call it got. */
const script = new Map<string, Behaviour>();
const calls: HandlerCall[] = [];
const callsFor = (articleId: string) => calls.filter((call) => call.event.data.id === articleId);

@Controller()
class ScriptedNewsHandler {
  @EventPattern(NEWS)
  async handle(@Payload() event: ConsumedEvent<typeof NEWS>): Promise<void> {
    const context = currentContext();
    const call: HandlerCall = { event, correlationIdSeen: context?.correlationId, traceIdSeen: context?.trace.traceId, at: Date.now() };
    calls.push(call);
    const behaviour = script.get(event.data.id) ?? { kind: 'succeed' };
    const attempt = callsFor(event.data.id).length;
    call.outcome = 'threw';
    switch (behaviour.kind) {
      case 'fail-then-succeed':
        if (attempt <= behaviour.failures) throw new Error(`transient failure ${attempt} of ${event.data.id}`);
        break;
      case 'always-fail':
        throw new Error(`always fails ${event.data.id}`);
      case 'permanent':
        throw new AppError(behaviour.code, `permanently broken ${event.data.id}`, { permanent: true });
      case 'wait-for':
        await behaviour.release;
        break;
    }
    await Promise.resolve();
    call.outcome = 'succeeded';
  }
}

const snapshot = anArticleSnapshot;

/** Valid CloudEvents headers for a raw message, as another producer would write them. */
function ceHeaders(type: string, id = randomUUID()): Record<string, string> {
  return {
    ce_specversion: '1.0',
    ce_id: id,
    ce_type: type,
    ce_source: '/partners/test',
    ce_time: new Date().toISOString(),
    'content-type': 'application/json',
  };
}

async function counterValue(counter: Counter<string>, labels: Record<string, string>): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((value) => Object.entries(labels).every(([name, expected]) => value.labels[name] === expected));
  return match?.value ?? 0;
}

describe('KafkaEventServer and EventPublisher on the real broker', () => {
  let service: TestApp;
  let publisher: EventPublisher;
  let metrics: MetricsService;
  const probe = new KafkaProbe();
  let wire: ProbedMessage[];
  let deadLetters: ProbedMessage[];

  const onWire = (key: string) => wire.filter((message) => message.key === key);
  const deadLettered = (key: string) => deadLetters.filter((message) => message.key === key);
  const awaitDeadLetter = (key: string) =>
    eventually(() => {
      const [message] = deadLettered(key);
      if (!message) throw new Error(`nothing with key ${key} on the dead-letter topic yet`);
      return message;
    });
  const deadLetteredCount = (code: string) => counterValue(metrics.messagesDeadLettered, { topic: NEWS, code });

  beforeAll(async () => {
    service = await startTestApp({
      label: 'event-server',
      consume: true,
      env: { CONSUMER_MAX_ATTEMPTS: String(MAX_ATTEMPTS), CONSUMER_RETRY_BASE_MS: String(RETRY_BASE_MS) },
      imports: () => [ServiceConfigModule.forService(SERVICE, MessagingTestConfig), PlatformModule, MessagingModule],
      controllers: [ScriptedNewsHandler],
    });
    publisher = service.app.get(EventPublisher);
    metrics = service.app.get(MetricsService);
    [wire, deadLetters] = await Promise.all([probe.collect(service.topic(NEWS)), probe.collect(service.topic(deadLetterTopicOf(NEWS)))]);
  }, 60_000);

  afterAll(async () => {
    await probe.close();
    await service?.close();
  }, 30_000);

  it('creates every topic and its dead-letter topic under the prefix at start-up', async () => {
    const admin = new Kafka({
      clientId: 'frontpage-tests',
      brokers: process.env.KAFKA_BROKERS!.split(','),
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    try {
      const ours = (await admin.listTopics()).filter((topic) => topic.startsWith(service.topicPrefix)).sort();
      const expected = ALL_TOPICS.flatMap((topic) => [topic, deadLetterTopicOf(topic)]).map((topic) => service.topic(topic));
      expect(ours).toEqual(expected.sort());
      expect(ours).toContain(`${service.topicPrefix}news.articles.v1.dlq`);
      const metadata = await admin.fetchTopicMetadata({ topics: ours });
      expect(metadata.topics.map((topic) => topic.partitions.length)).toEqual(ours.map(() => 6));

      // The public log and the dead letters are kept forever; internal commands age out with the broker default.
      const described = await admin.describeConfigs({
        includeSynonyms: false,
        resources: ours.map((name) => ({ type: ConfigResourceTypes.TOPIC, name, configNames: ['retention.ms'] })),
      });
      const retentionOf = (logical: string) =>
        described.resources.find((resource) => resource.resourceName === service.topic(logical))?.configEntries[0]?.configValue;
      expect(retentionOf(Topics.NewsArticles)).toBe('-1');
      expect(retentionOf(Topics.NewsComments)).toBe('-1');
      expect(retentionOf(deadLetterTopicOf(Topics.IngestArticles))).toBe('-1');
      expect(retentionOf(Topics.IngestArticles)).not.toBe('-1');
    } finally {
      await admin.disconnect();
    }
  });

  it('delivers a published event to its handler with its attributes, as a CloudEvent on the wire', async () => {
    const id = randomUUID();
    const data = snapshot(id);
    const context = contextFrom({ correlationId: `corr-${id.slice(0, 8)}` });
    const published = await runInContext(context, () => publisher.publish(NEWS, 'ArticlePublished', id, data, { id: `${id}:v1` }));
    expect(published).toMatchObject({ id: `${id}:v1`, topic: NEWS, partition: expect.any(Number), offset: expect.stringMatching(/^\d+$/) });

    const [call] = await eventually(() => {
      const found = callsFor(id);
      expect(found).toHaveLength(1);
      return found;
    });
    const traceparent = formatTraceparent(context.trace);
    expect(call.event).toMatchObject({
      type: 'ArticlePublished',
      key: id,
      topic: NEWS,
      partition: published.partition,
      offset: published.offset,
    });
    expect(call.event.data).toBeInstanceOf(ArticlePublishedData);
    expect(call.event.data).toEqual(data);
    expect(call.event.attributes).toEqual({
      id: `${id}:v1`,
      type: 'ArticlePublished',
      source: `/frontpage/${SERVICE}`,
      time: expect.any(String),
      subject: id,
      correlationId: context.correlationId,
      traceparent,
    });
    // The handler runs in the work context of the message: same correlation id, same trace.
    expect(call.correlationIdSeen).toBe(context.correlationId);
    expect(call.traceIdSeen).toBe(context.trace.traceId);

    const [message] = await eventually(() => {
      const found = onWire(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(JSON.parse(message.value!)).toEqual(data);
    expect(message.headers).toEqual({
      ce_specversion: '1.0',
      ce_id: `${id}:v1`,
      ce_type: 'ArticlePublished',
      ce_source: `/frontpage/${SERVICE}`,
      ce_time: expect.any(String),
      ce_subject: id,
      'content-type': 'application/json',
      traceparent,
      ce_correlationid: context.correlationId,
    });
    expect(new Date(message.headers.ce_time).toISOString()).toBe(message.headers.ce_time);
    expect(call.event.attributes.time).toBe(message.headers.ce_time);
  });

  it('publishes without correlation or trace headers outside a unit of work', async () => {
    const id = randomUUID();
    await publisher.publish(NEWS, 'ArticlePublished', id, snapshot(id));
    const [message] = await eventually(() => {
      const found = onWire(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(message.headers.ce_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(message.headers).not.toHaveProperty('ce_correlationid');
    expect(message.headers).not.toHaveProperty('traceparent');
    // The consumer starts a context of its own for it.
    const [call] = await eventually(() => {
      const found = callsFor(id);
      expect(found).toHaveLength(1);
      return found;
    });
    expect(call.correlationIdSeen).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a transient failure with backoff and then succeeds, dead-lettering nothing', async () => {
    const id = randomUUID();
    const failures = 2;
    script.set(id, { kind: 'fail-then-succeed', failures });
    const retriedBefore = await counterValue(metrics.messagesRetried, { topic: NEWS });
    const handledBefore = await counterValue(metrics.messagesConsumed, { topic: NEWS, outcome: 'handled' });
    const deadLetteredBefore = await deadLetteredCount(ErrorCodes.HandlerFailed);

    await publisher.publish(NEWS, 'ArticlePublished', id, snapshot(id));

    const attempts = await eventually(() => {
      const found = callsFor(id);
      expect(found.map((call) => call.outcome)).toEqual(['threw', 'threw', 'succeeded']);
      return found;
    });
    // Full-jitter exponential backoff: at least half of base * 2^(attempt - 1) between attempts.
    expect(attempts[1].at - attempts[0].at).toBeGreaterThanOrEqual(RETRY_BASE_MS / 2);
    expect(attempts[2].at - attempts[1].at).toBeGreaterThanOrEqual(RETRY_BASE_MS);
    expect(new Set(attempts.map((call) => call.event.offset)).size).toBe(1);

    await eventually(async () =>
      expect(await counterValue(metrics.messagesConsumed, { topic: NEWS, outcome: 'handled' })).toBe(handledBefore + 1),
    );
    expect(await counterValue(metrics.messagesRetried, { topic: NEWS })).toBe(retriedBefore + failures);
    expect(await deadLetteredCount(ErrorCodes.HandlerFailed)).toBe(deadLetteredBefore);
    expect(deadLettered(id)).toEqual([]);
  });

  it('dead-letters a message that keeps failing after the last attempt, with the reason, and moves on', async () => {
    const failing = randomUUID();
    const next = randomUUID();
    const key = failing;
    script.set(failing, { kind: 'always-fail' });
    const before = await deadLetteredCount(ErrorCodes.HandlerFailed);

    const published = await publisher.publish(NEWS, 'ArticlePublished', key, snapshot(failing));
    const following = await publisher.publish(NEWS, 'ArticleUpdated', key, snapshot(next, { version: 2 }));
    expect(following.partition).toBe(published.partition);

    const dead = await awaitDeadLetter(key);
    expect(callsFor(failing)).toHaveLength(MAX_ATTEMPTS);
    const [original] = onWire(key).filter((message) => message.offset === published.offset);
    expect(dead.value).toBe(original.value);
    expect(JSON.parse(dead.value!)).toEqual(snapshot(failing));
    expect(dead.headers).toEqual({
      ...original.headers,
      [DLQ.error]: expect.stringContaining(`always fails ${failing}`),
      [DLQ.code]: ErrorCodes.HandlerFailed,
      [DLQ.topic]: NEWS,
      [DLQ.partition]: String(published.partition),
      [DLQ.offset]: published.offset,
      [DLQ.attempts]: String(MAX_ATTEMPTS),
      [DLQ.group]: service.consumerGroup,
      [DLQ.failedAt]: expect.any(String),
    });
    expect(original.headers).toMatchObject({ ce_type: 'ArticlePublished', ce_id: published.id });

    // The partition is not stuck behind it: the next message with the same key is handled, after it.
    const [handledNext] = await eventually(() => {
      const found = callsFor(next);
      expect(found.map((call) => call.outcome)).toEqual(['succeeded']);
      return found;
    });
    expect(handledNext.event.type).toBe('ArticleUpdated');
    expect(calls.indexOf(handledNext)).toBeGreaterThan(calls.indexOf(callsFor(failing)[MAX_ATTEMPTS - 1]));
    expect(deadLettered(key)).toHaveLength(1);
    expect(await deadLetteredCount(ErrorCodes.HandlerFailed)).toBe(before + 1);
  });

  it('dead-letters a permanent AppError after one attempt, with its code', async () => {
    const id = randomUUID();
    script.set(id, { kind: 'permanent', code: ErrorCodes.ArticleNotFound });
    const retriedBefore = await counterValue(metrics.messagesRetried, { topic: NEWS });

    await publisher.publish(NEWS, 'ArticlePublished', id, snapshot(id));

    const dead = await awaitDeadLetter(id);
    expect(callsFor(id)).toHaveLength(1);
    expect(dead.headers).toMatchObject({
      [DLQ.code]: ErrorCodes.ArticleNotFound,
      [DLQ.attempts]: '1',
      [DLQ.error]: `permanently broken ${id}`,
      ce_type: 'ArticlePublished',
    });
    expect(await counterValue(metrics.messagesRetried, { topic: NEWS })).toBe(retriedBefore);
    expect(await deadLetteredCount(ErrorCodes.ArticleNotFound)).toBe(1);
  });

  describe('poison messages', () => {
    const valid = () => JSON.stringify(snapshot(randomUUID()));
    const poison: { name: string; key: string; value: string | null; headers: Record<string, string>; code: string; reason: RegExp }[] = [
      {
        name: 'a value that is not JSON',
        key: `not-json-${randomUUID()}`,
        value: '{"id": "3f2c9a1e',
        headers: ceHeaders('ArticlePublished'),
        code: ErrorCodes.MessageUnreadable,
        reason: /not JSON/,
      },
      {
        name: 'no value at all',
        key: `no-value-${randomUUID()}`,
        value: null,
        headers: ceHeaders('ArticlePublished'),
        code: ErrorCodes.MessageUnreadable,
        reason: /no value/,
      },
      {
        name: 'an event type the topic does not carry',
        key: `unknown-type-${randomUUID()}`,
        value: valid(),
        headers: ceHeaders('ArticleDeleted'),
        code: ErrorCodes.MessageUnknownType,
        reason: /ArticleDeleted/,
      },
      {
        name: 'a type of another topic',
        key: `other-topic-type-${randomUUID()}`,
        value: JSON.stringify({ articleId: randomUUID() }),
        headers: ceHeaders('ArticleSubmitted'),
        code: ErrorCodes.MessageUnknownType,
        reason: /ArticleSubmitted/,
      },
      {
        name: 'fields of the wrong type',
        key: `wrong-types-${randomUUID()}`,
        value: JSON.stringify({ ...snapshot(randomUUID()), version: 'one', tags: 'transport' }),
        headers: ceHeaders('ArticlePublished'),
        code: ErrorCodes.MessageInvalid,
        reason: /version:.*tags:|tags:.*version:/,
      },
      {
        name: 'a JSON array instead of an object',
        key: `array-${randomUUID()}`,
        value: JSON.stringify([snapshot(randomUUID())]),
        headers: ceHeaders('ArticlePublished'),
        code: ErrorCodes.MessageInvalid,
        reason: /not a JSON object/,
      },
      {
        name: 'no CloudEvents headers',
        key: `no-headers-${randomUUID()}`,
        value: valid(),
        headers: {},
        code: ErrorCodes.MessageInvalid,
        reason: /missing CloudEvents headers: ce_id, ce_type, ce_source, ce_time/,
      },
      {
        name: 'an unsupported spec version',
        key: `spec-version-${randomUUID()}`,
        value: valid(),
        headers: { ...ceHeaders('ArticlePublished'), ce_specversion: '0.3' },
        code: ErrorCodes.MessageInvalid,
        reason: /ce_specversion "0.3"/,
      },
    ];

    it.each(poison.map((message) => [message.name, message] as const))(
      'dead-letters %s without calling the handler',
      async (_name, message) => {
        const before = await deadLetteredCount(message.code);
        await probe.send(service.topic(NEWS), { key: message.key, value: message.value, headers: message.headers });

        const dead = await awaitDeadLetter(message.key);
        expect(dead.headers).toMatchObject({ ...message.headers, [DLQ.code]: message.code, [DLQ.attempts]: '0', [DLQ.topic]: NEWS });
        expect(dead.headers[DLQ.error]).toMatch(message.reason);
        expect(dead.value).toBe(message.value ?? null);
        expect(calls.filter((call) => call.event.key === message.key)).toEqual([]);
        expect(await deadLetteredCount(message.code)).toBe(before + 1);
      },
    );

    it('keeps handling valid messages with the same key after a poison message', async () => {
      const key = `after-poison-${randomUUID()}`;
      const id = randomUUID();
      await probe.send(service.topic(NEWS), { key, value: 'not json', headers: ceHeaders('ArticlePublished') });
      await probe.send(service.topic(NEWS), { key, value: JSON.stringify(snapshot(id)), headers: ceHeaders('ArticlePublished') });
      await eventually(() => expect(callsFor(id).map((call) => call.outcome)).toEqual(['succeeded']));
      expect(callsFor(id)[0].event.key).toBe(key);
      expect(deadLettered(key)).toHaveLength(1);
    });
  });

  it('refuses to publish data that breaks its contract, and sends nothing', async () => {
    const key = randomUUID();
    const producedBefore = await counterValue(metrics.messagesProduced, { topic: NEWS });
    const invalid = snapshot(key, { slug: 'Not A Slug', version: 0 });

    const refusal = publisher.publish(NEWS, 'ArticlePublished', key, invalid);
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(refusal).rejects.toMatchObject({
      code: ErrorCodes.MessageInvalid,
      permanent: true,
      message: expect.stringMatching(/slug.*version|version.*slug/),
    });
    await expect(publisher.publish(NEWS, 'ArticleDeleted' as never, key, snapshot(key) as never)).rejects.toMatchObject({
      code: ErrorCodes.MessageUnknownType,
    });
    expect(await counterValue(metrics.messagesProduced, { topic: NEWS })).toBe(producedBefore);

    // A valid message with the same key lands on the same partition after anything sent before it.
    const marker = await publisher.publish(NEWS, 'ArticlePublished', key, snapshot(key));
    await eventually(() => expect(onWire(key).map((message) => message.headers.ce_id)).toEqual([marker.id]));
    await eventually(() => expect(callsFor(key).map((call) => call.event.attributes.id)).toEqual([marker.id]));
  });

  it('counts what happened in /metrics', async () => {
    const scrape = async () => {
      const response = await service.app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/metrics' });
      expect(response.statusCode).toBe(200);
      return response.body.split('\n');
    };
    const lineOf = (lines: string[], name: string, labels: Record<string, string>) =>
      lines.find(
        (text) => text.startsWith(`${name}{`) && Object.entries(labels).every(([label, value]) => text.includes(`${label}="${value}"`)),
      );
    const valueOf = (lines: string[], name: string, labels: Record<string, string>) =>
      Number(lineOf(lines, name, labels)?.split(' ').pop());
    const deadLettered = (lines: string[], code: string) => valueOf(lines, 'kafka_messages_dead_lettered_total', { topic: NEWS, code });

    // 8 poison messages + 1 before a valid one, 1 that kept failing, 1 permanent failure.
    const lines = await eventually(async () => {
      const scraped = await scrape();
      expect(valueOf(scraped, 'kafka_messages_consumed_total', { topic: NEWS, outcome: 'handled' })).toBe(
        calls.filter((call) => call.outcome === 'succeeded').length,
      );
      return scraped;
    });
    expect(lineOf(lines, 'kafka_messages_dead_lettered_total', { topic: NEWS, code: ErrorCodes.MessageUnreadable })).toContain(
      `service="${SERVICE}"`,
    );
    expect(deadLettered(lines, ErrorCodes.MessageUnreadable)).toBe(3);
    expect(deadLettered(lines, ErrorCodes.MessageUnknownType)).toBe(2);
    expect(deadLettered(lines, ErrorCodes.MessageInvalid)).toBe(4);
    expect(deadLettered(lines, ErrorCodes.HandlerFailed)).toBe(1);
    expect(deadLettered(lines, ErrorCodes.ArticleNotFound)).toBe(1);
    expect(valueOf(lines, 'kafka_messages_consumed_total', { topic: NEWS, outcome: 'dead-lettered' })).toBe(11);
    expect(valueOf(lines, 'kafka_messages_produced_total', { topic: deadLetterTopicOf(NEWS) })).toBe(11);
    expect(valueOf(lines, 'kafka_messages_retried_total', { topic: NEWS })).toBe(2 + (MAX_ATTEMPTS - 1));
    expect(valueOf(lines, 'kafka_handler_duration_seconds_count', { topic: NEWS })).toBeGreaterThan(0);

    const single = await metrics.registry.getSingleMetricAsString('kafka_messages_dead_lettered_total');
    expect(single).toContain(
      `kafka_messages_dead_lettered_total{topic="${NEWS}",code="${ErrorCodes.MessageUnknownType}",service="${SERVICE}"} 2`,
    );
  });
});

/**
 * The same handler in an app started by the production `bootstrapService`, so the wiring of the
 * consumer itself (its exception filter) is what is tested.
 */
describe('a handler error in a service started by bootstrapService', () => {
  let service: TestApp;
  const probe = new KafkaProbe();
  let deadLetters: ProbedMessage[];

  beforeAll(async () => {
    service = await startTestApp({
      label: 'event-server-bootstrap',
      viaBootstrapService: true,
      consume: true,
      env: { CONSUMER_MAX_ATTEMPTS: String(MAX_ATTEMPTS), CONSUMER_RETRY_BASE_MS: String(RETRY_BASE_MS) },
      imports: () => [ServiceConfigModule.forService(SERVICE, MessagingTestConfig), PlatformModule, MessagingModule],
      controllers: [ScriptedNewsHandler],
    });
    deadLetters = await probe.collect(service.topic(deadLetterTopicOf(NEWS)));
  }, 60_000);

  afterAll(async () => {
    await probe.close();
    await service?.close();
  }, 30_000);

  it('reaches the consumer as thrown: a permanent AppError is dead-lettered at once with its code and message', async () => {
    const permanent = randomUUID();
    const failing = randomUUID();
    script.set(permanent, { kind: 'permanent', code: ErrorCodes.ArticleNotFound });
    script.set(failing, { kind: 'always-fail' });
    const publisher = service.app.get(EventPublisher);
    await publisher.publish(NEWS, 'ArticlePublished', permanent, snapshot(permanent));
    await publisher.publish(NEWS, 'ArticlePublished', failing, snapshot(failing));

    const [deadPermanent, deadFailing] = await eventually(() =>
      [permanent, failing].map((key) => {
        const message = deadLetters.find((candidate) => candidate.key === key);
        if (!message) throw new Error(`${key} is not dead-lettered yet`);
        return message;
      }),
    );
    expect({ attempts: callsFor(permanent).length, headers: deadPermanent.headers }).toMatchObject({
      attempts: 1,
      headers: { [DLQ.code]: ErrorCodes.ArticleNotFound, [DLQ.attempts]: '1', [DLQ.error]: `permanently broken ${permanent}` },
    });
    expect(deadFailing.headers).toMatchObject({ [DLQ.code]: ErrorCodes.HandlerFailed, [DLQ.error]: `always fails ${failing}` });
  });
});

describe('KafkaEventServer with several keys of a partition at a time (KAFKA_KEYS_CONSUMED_CONCURRENTLY)', () => {
  let service: TestApp;
  const env = { KAFKA_KEYS_CONSUMED_CONCURRENTLY: '4', KAFKA_TOPIC_PARTITIONS: '1' };
  const kafka = new Kafka({ clientId: 'messaging-test-keys', brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  const admin = kafka.admin();

  beforeAll(async () => {
    service = await startTestApp({
      label: 'event-server-keys',
      consume: true,
      env,
      imports: () => [ServiceConfigModule.forService(SERVICE, MessagingTestConfig), PlatformModule, MessagingModule],
      controllers: [ScriptedNewsHandler],
    });
    await Promise.all([producer.connect(), admin.connect()]);
  }, 60_000);

  afterAll(async () => {
    for (const name of Object.keys(env)) delete process.env[name];
    await Promise.all([producer.disconnect(), admin.disconnect()]);
    await service?.close();
  }, 30_000);

  const committedOffset = async () => {
    const [topic] = await admin.fetchOffsets({ groupId: service.consumerGroup, topics: [service.topic(NEWS)] });
    return Number(topic.partitions[0].offset);
  };

  it('handles other keys while one is held, keeps each key in order, and commits nothing past the held message', async () => {
    const [held, heldNext, other, otherNext] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    let release!: () => void;
    script.set(held, { kind: 'wait-for', release: new Promise<void>((resolve) => (release = resolve)) });
    const message = (key: string, id: string) => ({ key, value: JSON.stringify(snapshot(id)), headers: ceHeaders('ArticlePublished') });
    // One request, so that the consumer fetches the four in one batch of the topic's only partition.
    const [sent] = await producer.send({
      topic: service.topic(NEWS),
      acks: -1,
      messages: [message('a', held), message('a', heldNext), message('b', other), message('b', otherNext)],
    });
    const firstOffset = Number(sent.baseOffset);

    // Key b goes on while key a's first message is held; a's second waits for its first.
    await eventually(() =>
      expect([other, otherNext].map((id) => callsFor(id).map((call) => call.outcome))).toEqual([['succeeded'], ['succeeded']]),
    );
    expect(callsFor(heldNext)).toEqual([]);
    expect(await committedOffset()).toBeLessThanOrEqual(firstOffset);

    release();
    await eventually(() => expect(callsFor(heldNext).map((call) => call.outcome)).toEqual(['succeeded']));
    expect(callsFor(heldNext)[0].at).toBeGreaterThanOrEqual(callsFor(held)[0].at);
    await eventually(async () => expect(await committedOffset()).toBe(firstOffset + 4));
  });
});

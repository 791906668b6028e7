import { Controller } from '@nestjs/common';
import { getConnectionToken, InjectConnection } from '@nestjs/mongoose';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ServiceConfigModule, StoreServiceConfig } from '@frontpage/config';
import { Topics } from '@frontpage/contracts';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { anArticleSnapshot, eventually, StallProxy } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { type Connection, mongo } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { ConsumedEvent } from './consumed-event';
import { EventPublisher } from './event-publisher';
import { isInfrastructureFailure } from './failure-policy';
import { MessagingModule } from './messaging.module';

const NEWS = Topics.NewsArticles;
/** Short, so that the test does not wait the production 30 s for a stalled call to fail. */
const SOCKET_TIMEOUT_MS = 1500;
/** A failure counted as the message's own would send it to its dead-letter topic at once. */
const MAX_ATTEMPTS = 1;

class StallTestConfig extends StoreServiceConfig {}

interface Attempt {
  id: string;
  outcome?: 'stored' | Error;
}

const attempts: Attempt[] = [];
const attemptsFor = (id: string) => attempts.filter((attempt) => attempt.id === id);

/** Stores each article it is given, as the services' handlers do: one idempotent write by id. */
@Controller()
class StoringHandler {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  @EventPattern(NEWS)
  async handle(@Payload() event: ConsumedEvent<typeof NEWS>): Promise<void> {
    const attempt: Attempt = { id: event.data.id };
    attempts.push(attempt);
    try {
      await this.connection
        .collection<{ _id: string; type: string }>('stall_probe')
        .updateOne({ _id: event.data.id }, { $set: { type: event.type } }, { upsert: true });
      attempt.outcome = 'stored';
    } catch (error) {
      attempt.outcome = error as Error;
      throw error;
    }
  }
}

/**
 * A store that stops answering without closing its connections (finding 2 in docs/RELIABILITY.md)
 * must not leave a handler waiting forever: the call fails after MONGODB_SOCKET_TIMEOUT_MS, the
 * consumer waits the outage out with retries, and the message is handled once the store answers.
 */
describe('a consumer whose store stalls', () => {
  let proxy: StallProxy;
  let service: TestApp;
  let publisher: EventPublisher;
  let stored: () => Promise<string[]>;
  const realStoreUri = process.env.MONGODB_URI!;

  beforeAll(async () => {
    const store = new URL(realStoreUri.replace(/^mongodb:/, 'http:'));
    proxy = await StallProxy.start({ host: store.hostname, port: Number(store.port || 27017) });
    service = await startTestApp({
      label: 'store-stall',
      consume: true,
      env: {
        MONGODB_URI: `mongodb://127.0.0.1:${proxy.port}/`,
        MONGODB_SOCKET_TIMEOUT_MS: String(SOCKET_TIMEOUT_MS),
        CONSUMER_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
        CONSUMER_RETRY_MAX_MS: '500',
      },
      imports: () => [
        ServiceConfigModule.forService('stall-test', StallTestConfig),
        PlatformModule,
        StoreModule.forRoot(),
        MessagingModule,
      ],
      controllers: [StoringHandler],
    });
    publisher = service.app.get(EventPublisher);
    const connection = service.app.get<Connection>(getConnectionToken());
    stored = async () =>
      (await connection.collection<{ _id: string }>('stall_probe').find({}).toArray()).map((document) => document._id).sort();
  }, 60_000);

  afterAll(async () => {
    proxy?.resume();
    await service?.close();
    await proxy?.stop();
    process.env.MONGODB_URI = realStoreUri;
  }, 30_000);

  it('times the stalled call out, waits the outage out, and stores the article once the store answers', async () => {
    const before = randomUUID();
    await publisher.publish(NEWS, 'ArticlePublished', before, anArticleSnapshot(before));
    await eventually(async () => expect(await stored()).toEqual([before]));

    proxy.stall();
    const during = randomUUID();
    await publisher.publish(NEWS, 'ArticlePublished', during, anArticleSnapshot(during));
    const firstFailure = await eventually(
      () => {
        const failed = attemptsFor(during).find((attempt) => attempt.outcome instanceof Error);
        if (!failed) throw new Error('no attempt has failed yet');
        return failed.outcome as Error;
      },
      { timeoutMs: 90_000 },
    );
    // The call itself timed out: without MONGODB_SOCKET_TIMEOUT_MS it would wait until the driver's
    // monitor gave up on the whole server (~40 s here), and forever if only some calls hung.
    expect(firstFailure).toBeInstanceOf(mongo.MongoNetworkTimeoutError);
    expect(isInfrastructureFailure(firstFailure)).toBe(true);

    proxy.resume();
    await eventually(async () => expect(await stored()).toEqual([before, during].sort()), { timeoutMs: 60_000 });
    await eventually(() => expect(attemptsFor(during).at(-1)!.outcome).toBe('stored'));
  }, 180_000);
});

import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { ServiceConfig, ServiceConfigModule } from '@frontpage/config';
import { Topics } from '@frontpage/contracts';
import { PlatformModule } from '@frontpage/platform';
import { anArticleSnapshot, eventually } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import type { Consumer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { ConsumedEvent } from './consumed-event';
import { EventPublisher } from './event-publisher';
import { KafkaEventServer } from './kafka-event.server';
import { MessagingModule } from './messaging.module';

const NEWS = Topics.NewsArticles;
const STALL_MS = 3000;

class WatchdogTestConfig extends ServiceConfig {}

const handled: string[] = [];

@Controller()
class RecordingHandler {
  @EventPattern(NEWS)
  handle(@Payload() event: ConsumedEvent<typeof NEWS>): void {
    handled.push(event.data.id);
  }
}

/**
 * A consumer that stops fetching while heartbeating (what kafkajs did after a broker restart in a
 * chaos run) is restarted once it has received nothing for KAFKA_CONSUMER_STALL_MS with messages
 * waiting; a consumer that is merely idle is left alone. kafkajs's own `pause` stands in for the wedge.
 */
describe('a consumer that stops fetching', () => {
  let service: TestApp;
  let server: KafkaEventServer;
  let publisher: EventPublisher;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'watchdog',
      consume: true,
      env: { KAFKA_CONSUMER_STALL_MS: String(STALL_MS) },
      imports: () => [ServiceConfigModule.forService('watchdog-test', WatchdogTestConfig), PlatformModule, MessagingModule],
      controllers: [RecordingHandler],
    });
    server = service.app.get(KafkaEventServer);
    publisher = service.app.get(EventPublisher);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  }, 30_000);

  it('leaves an idle consumer alone, and restarts one that receives nothing while messages wait', async () => {
    const first = randomUUID();
    await publisher.publish(NEWS, 'ArticlePublished', first, anArticleSnapshot(first));
    await eventually(() => expect(handled).toContain(first));
    const original = server.unwrap<Consumer>();

    // Idle, with nothing waiting: the watchdog looks twice, and the same consumer goes on.
    const checksBefore = server.quietChecks;
    await eventually(() => expect(server.quietChecks).toBeGreaterThanOrEqual(checksBefore + 2), { timeoutMs: 30_000 });
    expect(server.unwrap<Consumer>()).toBe(original);

    original.pause([{ topic: service.topic(NEWS) }]);
    const stuck = randomUUID();
    await publisher.publish(NEWS, 'ArticlePublished', stuck, anArticleSnapshot(stuck));
    await eventually(() => expect(handled).toContain(stuck), { timeoutMs: 60_000 });
    expect(server.unwrap<Consumer>()).not.toBe(original);
  }, 120_000);
});

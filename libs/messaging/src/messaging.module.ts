import { Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import { HealthRegistry, MetricsService } from '@frontpage/platform';
import { EventPublisher } from './event-publisher';
import { KafkaConnection } from './kafka-connection';
import { KafkaEventServer } from './kafka-event.server';

@Injectable()
class ConsumerHealth implements OnModuleInit {
  constructor(
    private readonly server: KafkaEventServer,
    private readonly health: HealthRegistry,
  ) {}

  onModuleInit(): void {
    this.health.register('consumer', async () => ({ ok: this.server.isReady, detail: this.server.describeState() }));
  }
}

/** Kafka for a service: topics created at start-up, a publisher, and the consumer transport. */
@Global()
@Module({
  providers: [
    KafkaConnection,
    EventPublisher,
    {
      provide: KafkaEventServer,
      inject: [KafkaConnection, EventPublisher, MetricsService],
      useFactory: (connection: KafkaConnection, publisher: EventPublisher, metrics: MetricsService) =>
        new KafkaEventServer(connection, publisher, metrics),
    },
    ConsumerHealth,
  ],
  exports: [KafkaConnection, EventPublisher, KafkaEventServer],
})
export class MessagingModule {}

import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_NAME } from '@frontpage/config';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One Prometheus registry per process; every metric carries the service's name as a label. */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request durations by method, route pattern and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly messagesConsumed = new Counter({
    name: 'kafka_messages_consumed_total',
    help: 'Messages handled by this consumer, by topic and outcome',
    labelNames: ['topic', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly messagesProduced = new Counter({
    name: 'kafka_messages_produced_total',
    help: 'Messages acknowledged by the broker, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly messagesRetried = new Counter({
    name: 'kafka_messages_retried_total',
    help: 'Handler attempts that failed and were retried, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly messagesDeadLettered = new Counter({
    name: 'kafka_messages_dead_lettered_total',
    help: 'Messages moved to the dead-letter topic, by source topic and error code',
    labelNames: ['topic', 'code'] as const,
    registers: [this.registry],
  });

  readonly handlerDuration = new Histogram({
    name: 'kafka_handler_duration_seconds',
    help: 'Time spent handling one message, retries included, by topic',
    labelNames: ['topic'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'kafka_consumer_lag_messages',
    help: 'Messages behind the high watermark, per topic partition, as of the last batch',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  constructor(@Inject(SERVICE_NAME) service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
  }
}

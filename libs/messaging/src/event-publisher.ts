import { Injectable } from '@nestjs/common';
import { ErrorCodes, EventDataOf, EventTopic, EventTypeOf, eventClassFor } from '@frontpage/contracts';
import { AppError, currentContext, formatTraceparent, MetricsService } from '@frontpage/platform';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { randomUUID } from 'node:crypto';
import type { IHeaders, RecordMetadata } from 'kafkajs';
import { toKafkaHeaders } from './cloud-event-headers';
import { KafkaConnection } from './kafka-connection';

export interface PublishOptions {
  /** A deterministic id makes a re-publication recognisable as the same event (`ce_id`). */
  id?: string;
  subject?: string;
  time?: Date;
}

export interface PublishedEvent {
  id: string;
  topic: string;
  partition: number;
  offset: string;
}

/**
 * Publishes events as CloudEvents. The promise resolves only once every in-sync replica has the
 * message (acks = -1, idempotent producer), so a caller may acknowledge its own client after it.
 */
@Injectable()
export class EventPublisher {
  constructor(
    private readonly connection: KafkaConnection,
    private readonly metrics: MetricsService,
  ) {}

  async publish<T extends EventTopic, K extends EventTypeOf<T>>(
    topic: T,
    type: K,
    key: string,
    data: EventDataOf<T, K>,
    options: PublishOptions = {},
  ): Promise<PublishedEvent> {
    assertValid(topic, type, data as object);
    const context = currentContext();
    const id = options.id ?? randomUUID();
    const headers = toKafkaHeaders({
      id,
      type,
      source: `/frontpage/${this.connection.serviceName}`,
      time: (options.time ?? new Date()).toISOString(),
      subject: options.subject ?? key,
      correlationId: context?.correlationId,
      traceparent: context ? formatTraceparent(context.trace) : undefined,
    });
    const [metadata] = await this.send(topic, key, Buffer.from(JSON.stringify(data)), headers);
    return { id, topic, partition: metadata.partition, offset: metadata.offset ?? metadata.baseOffset ?? '' };
  }

  /** Sends an already encoded message as it is: used to move a message to its dead-letter topic. */
  async send(topic: string, key: string | Buffer | null, value: Buffer | null, headers: IHeaders): Promise<RecordMetadata[]> {
    let metadata: RecordMetadata[];
    try {
      metadata = await this.connection.producer.send({
        topic: this.connection.physical(topic),
        acks: -1,
        messages: [{ key, value, headers }],
      });
    } catch (error) {
      // The broker could not take the message: a caller may retry, so say "unavailable", not "failed".
      throw new AppError(ErrorCodes.UpstreamUnavailable, `Kafka did not accept the message: ${(error as Error).message}`, {
        httpStatus: 503,
      });
    }
    this.metrics.messagesProduced.inc({ topic });
    return metadata;
  }
}

/** Publishing data that breaks its own contract is a bug: fail loudly rather than poison consumers. */
function assertValid(topic: string, type: string, data: object): void {
  const eventClass = eventClassFor(topic, type);
  if (!eventClass) throw new AppError(ErrorCodes.MessageUnknownType, `${type} is not carried on ${topic}`, { permanent: true });
  // plainToInstance, not Object.assign: nested data (an article's body blocks) must become its classes too.
  const instance = data instanceof eventClass ? data : plainToInstance(eventClass, data);
  const errors = validateSync(instance, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join('; ')}`).join(', ');
    throw new AppError(ErrorCodes.MessageInvalid, `refusing to publish an invalid ${type}: ${reasons}`, { permanent: true });
  }
}

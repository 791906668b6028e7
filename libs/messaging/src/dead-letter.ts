import type { IHeaders, KafkaMessage } from 'kafkajs';

/** Headers added to a dead-lettered message, beside all of its original headers. */
export const DLQ = {
  error: 'dlq_error',
  code: 'dlq_error_code',
  topic: 'dlq_original_topic',
  partition: 'dlq_original_partition',
  offset: 'dlq_original_offset',
  attempts: 'dlq_attempts',
  group: 'dlq_consumer_group',
  failedAt: 'dlq_failed_at',
} as const;

export interface DeadLetterReason {
  code: string;
  error: string;
  topic: string;
  partition: number;
  attempts: number;
  group: string;
}

export function deadLetterHeaders(message: KafkaMessage, reason: DeadLetterReason): IHeaders {
  return {
    ...(message.headers ?? {}),
    [DLQ.error]: reason.error.slice(0, 4000),
    [DLQ.code]: reason.code,
    [DLQ.topic]: reason.topic,
    [DLQ.partition]: String(reason.partition),
    [DLQ.offset]: message.offset,
    [DLQ.attempts]: String(reason.attempts),
    [DLQ.group]: reason.group,
    [DLQ.failedAt]: new Date().toISOString(),
  };
}

import type { IHeaders } from 'kafkajs';

/**
 * CloudEvents 1.0, Kafka protocol binding, binary content mode: the attributes travel as `ce_*`
 * headers and the message value is the event data as JSON. `traceparent` carries the W3C trace
 * and `ce_correlationid` (a CloudEvents extension attribute) the id of the originating request.
 */
export const CE = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specversion: 'ce_specversion',
  subject: 'ce_subject',
  correlationId: 'ce_correlationid',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

export const SPEC_VERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

export interface EventAttributes {
  id: string;
  type: string;
  source: string;
  time: string;
  subject?: string;
  correlationId?: string;
  traceparent?: string;
}

export function toKafkaHeaders(attributes: EventAttributes): Record<string, string> {
  return {
    [CE.specversion]: SPEC_VERSION,
    [CE.id]: attributes.id,
    [CE.type]: attributes.type,
    [CE.source]: attributes.source,
    [CE.time]: attributes.time,
    [CE.contentType]: JSON_CONTENT_TYPE,
    ...(attributes.subject ? { [CE.subject]: attributes.subject } : {}),
    ...(attributes.correlationId ? { [CE.correlationId]: attributes.correlationId } : {}),
    ...(attributes.traceparent ? { [CE.traceparent]: attributes.traceparent } : {}),
  };
}

/** Header values as strings; kafkajs hands them over as Buffers (or arrays of them). */
export function readHeaders(headers: IHeaders | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const single = Array.isArray(value) ? value[value.length - 1] : value;
    if (single !== undefined) result[name] = Buffer.isBuffer(single) ? single.toString('utf8') : String(single);
  }
  return result;
}

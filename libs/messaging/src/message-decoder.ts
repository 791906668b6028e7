import { ErrorCode, ErrorCodes, eventClassFor, withoutControlCharactersDeep } from '@frontpage/contracts';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { CE, EventAttributes, readHeaders, SPEC_VERSION } from './cloud-event-headers';

export interface RawMessage {
  key: Buffer | null;
  value: Buffer | null;
  headers?: Record<string, Buffer | string | (Buffer | string)[] | undefined>;
}

export interface DecodedEvent {
  type: string;
  data: object;
  attributes: EventAttributes;
  key: string | null;
}

export type DecodeResult = { ok: true; event: DecodedEvent } | { ok: false; code: ErrorCode; reason: string };

/** Messages larger than this are refused before parsing (the broker's default limit is 1 MiB). */
export const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * Turns a Kafka message into a validated event of a type the topic carries, or says precisely why
 * it cannot: such a message will never succeed, so it goes straight to the dead-letter topic.
 */
export function decodeMessage(topic: string, message: RawMessage): DecodeResult {
  const headers = readHeaders(message.headers);
  const attributes = readAttributes(headers);
  if (typeof attributes === 'string') return fail(ErrorCodes.MessageInvalid, attributes);

  const eventClass = eventClassFor(topic, attributes.type);
  if (!eventClass) {
    return fail(ErrorCodes.MessageUnknownType, `event type "${attributes.type}" is not carried on ${topic}`);
  }
  if (!message.value || message.value.length === 0) return fail(ErrorCodes.MessageUnreadable, 'the message has no value');
  if (message.value.length > MAX_MESSAGE_BYTES) {
    return fail(ErrorCodes.MessageUnreadable, `the message is ${message.value.length} bytes, over ${MAX_MESSAGE_BYTES}`);
  }

  let json: unknown;
  try {
    json = JSON.parse(message.value.toString('utf8'));
  } catch (error) {
    return fail(ErrorCodes.MessageUnreadable, `the value is not JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail(ErrorCodes.MessageInvalid, 'the value is not a JSON object');
  }

  // Any producer may write a topic: control characters go before a consumer stores anything (a
  // PostgreSQL-backed store refuses U+0000 outright; see withoutControlCharacters).
  const data = plainToInstance(eventClass, withoutControlCharactersDeep(json));
  let errors: ValidationError[];
  try {
    errors = validateSync(data, { whitelist: true, forbidUnknownValues: true });
  } catch (error) {
    // Some validators throw on malformed text (isEmail on a lone surrogate) instead of failing.
    return fail(ErrorCodes.MessageInvalid, `the data could not be validated: ${(error as Error).message}`);
  }
  if (errors.length > 0) return fail(ErrorCodes.MessageInvalid, describeErrors(errors));

  return { ok: true, event: { type: attributes.type, data, attributes, key: message.key?.toString('utf8') ?? null } };
}

function readAttributes(headers: Record<string, string>): EventAttributes | string {
  const missing = [CE.id, CE.type, CE.source, CE.time].filter((name) => !headers[name]);
  if (missing.length > 0) return `missing CloudEvents headers: ${missing.join(', ')}`;
  if (headers[CE.specversion] !== SPEC_VERSION) return `unsupported ${CE.specversion} "${headers[CE.specversion]}"`;
  return {
    id: headers[CE.id],
    type: headers[CE.type],
    source: headers[CE.source],
    time: headers[CE.time],
    subject: headers[CE.subject],
    correlationId: headers[CE.correlationId],
    traceparent: headers[CE.traceparent],
  };
}

function describeErrors(errors: ValidationError[], parent = ''): string {
  return errors
    .map((error) => {
      const path = parent ? `${parent}.${error.property}` : error.property;
      const own = Object.values(error.constraints ?? {}).join('; ');
      const nested = error.children?.length ? describeErrors(error.children, path) : '';
      return [own && `${path}: ${own}`, nested].filter(Boolean).join(', ');
    })
    .join(', ');
}

function fail(code: ErrorCode, reason: string): DecodeResult {
  return { ok: false, code, reason };
}

import { etagOf } from './etag';

export interface PreparedJson {
  /** UTF-8 bytes: sent without encoding or measuring a string again. */
  body: Buffer;
  etag: string;
}

const prepared = new WeakMap<object, PreparedJson>();

/**
 * Serialises a cached answer and computes its ETag once, when the cache is filled: every request
 * that serves this very object then sends the stored bytes and tag. The object must not be changed
 * afterwards (cached values are shared by every request anyway).
 */
export function prepareJson<T>(value: T): T {
  if (value && typeof value === 'object' && !prepared.has(value)) {
    const body = Buffer.from(JSON.stringify(value));
    prepared.set(value, { body, etag: etagOf(body) });
  }
  return value;
}

export function preparedJsonOf(value: unknown): PreparedJson | undefined {
  return value && typeof value === 'object' ? prepared.get(value) : undefined;
}

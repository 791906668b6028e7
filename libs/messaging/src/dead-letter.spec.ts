import type { KafkaMessage } from 'kafkajs';
import { deadLetterHeaders, DLQ } from './dead-letter';

const entry = { key: Buffer.from('article-1'), value: Buffer.from('{"id":"x"}'), timestamp: '1709634030000', attributes: 0, offset: '42' };

const original: KafkaMessage = {
  ...entry,
  headers: {
    ce_id: Buffer.from('evt-1'),
    ce_type: Buffer.from('ArticlePublished'),
    traceparent: 'tp',
    custom: [Buffer.from('a'), Buffer.from('b')],
  },
};

const reason = {
  code: 'MESSAGE.INVALID',
  error: 'slug: slug must match pattern',
  topic: 'news.articles.v1',
  partition: 3,
  attempts: 0,
  group: 'frontpage-feed',
};

describe('deadLetterHeaders', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2024-03-05T10:20:30.456Z') }));
  afterEach(() => jest.useRealTimers());

  it('keeps every original header exactly as it was', () => {
    const headers = deadLetterHeaders(original, reason);
    expect(headers.ce_id).toBe(original.headers?.ce_id);
    expect(headers.ce_type).toBe(original.headers?.ce_type);
    expect(headers.traceparent).toBe('tp');
    expect(headers.custom).toEqual([Buffer.from('a'), Buffer.from('b')]);
  });

  it('adds why, where from and when as dlq_ headers', () => {
    expect(deadLetterHeaders(original, { ...reason, attempts: 5 })).toMatchObject({
      dlq_error: 'slug: slug must match pattern',
      dlq_error_code: 'MESSAGE.INVALID',
      dlq_original_topic: 'news.articles.v1',
      dlq_original_partition: '3',
      dlq_original_offset: '42',
      dlq_attempts: '5',
      dlq_consumer_group: 'frontpage-feed',
      dlq_failed_at: '2024-03-05T10:20:30.456Z',
    });
  });

  it('adds exactly the original headers plus the dlq_ ones', () => {
    expect(Object.keys(deadLetterHeaders(original, reason)).sort()).toEqual(
      [...Object.keys(original.headers ?? {}), ...Object.values(DLQ)].sort(),
    );
  });

  it('does not change the original message', () => {
    deadLetterHeaders(original, reason);
    expect(Object.keys(original.headers ?? {})).toEqual(['ce_id', 'ce_type', 'traceparent', 'custom']);
  });

  it('works for a message without headers (the old message format)', () => {
    const headers = deadLetterHeaders({ ...entry, size: 10 }, reason);
    expect(Object.keys(headers).sort()).toEqual(Object.values(DLQ).sort());
  });

  it('cuts a very long error to 4000 characters', () => {
    const headers = deadLetterHeaders(original, { ...reason, error: 'x'.repeat(10_000) });
    expect(headers[DLQ.error]).toBe('x'.repeat(4000));
  });

  it('records its own reason over stale dlq_ headers of an earlier dead-lettering', () => {
    const replayed: KafkaMessage = { ...entry, headers: { ...original.headers, [DLQ.code]: 'OLD.CODE', [DLQ.attempts]: '9' } };
    expect(deadLetterHeaders(replayed, reason)).toMatchObject({ [DLQ.code]: 'MESSAGE.INVALID', [DLQ.attempts]: '0' });
  });
});

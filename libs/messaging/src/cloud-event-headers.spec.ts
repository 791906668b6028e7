import { CE, readHeaders, SPEC_VERSION, toKafkaHeaders } from './cloud-event-headers';

const attributes = {
  id: 'evt-1',
  type: 'ArticlePublished',
  source: '/frontpage/article',
  time: '2024-03-05T10:20:30.000Z',
};

describe('toKafkaHeaders', () => {
  it('writes the required CloudEvents attributes as ce_ headers with a JSON content type', () => {
    expect(toKafkaHeaders(attributes)).toEqual({
      ce_specversion: '1.0',
      ce_id: 'evt-1',
      ce_type: 'ArticlePublished',
      ce_source: '/frontpage/article',
      ce_time: '2024-03-05T10:20:30.000Z',
      'content-type': 'application/json',
    });
  });

  it('adds subject, correlation id and traceparent only when present', () => {
    const headers = toKafkaHeaders({
      ...attributes,
      subject: 'article-9',
      correlationId: 'req-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(headers).toMatchObject({
      ce_subject: 'article-9',
      ce_correlationid: 'req-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    expect(Object.keys(toKafkaHeaders({ ...attributes, subject: '', correlationId: undefined, traceparent: '' })).sort()).toEqual(
      [CE.contentType, CE.id, CE.source, CE.specversion, CE.time, CE.type].sort(),
    );
  });

  it('uses the CloudEvents spec version 1.0', () => {
    expect(SPEC_VERSION).toBe('1.0');
    expect(toKafkaHeaders(attributes)[CE.specversion]).toBe(SPEC_VERSION);
  });
});

describe('readHeaders', () => {
  it('decodes Buffer values as UTF-8 and keeps strings as they are', () => {
    expect(readHeaders({ ce_id: Buffer.from('evt-1'), ce_source: '/x', ce_subject: Buffer.from('ünïcödé') })).toEqual({
      ce_id: 'evt-1',
      ce_source: '/x',
      ce_subject: 'ünïcödé',
    });
  });

  it('takes the last value of a repeated header', () => {
    expect(readHeaders({ ce_type: [Buffer.from('First'), Buffer.from('Second')], other: ['a', 'b', 'c'] })).toEqual({
      ce_type: 'Second',
      other: 'c',
    });
  });

  it('leaves out headers without a value, and copes with no headers at all', () => {
    expect(readHeaders({ present: 'yes', absent: undefined, none: [] })).toEqual({ present: 'yes' });
    expect(readHeaders(undefined)).toEqual({});
  });

  it('reads back what toKafkaHeaders wrote, once Kafka has turned it into Buffers', () => {
    const written = toKafkaHeaders({ ...attributes, correlationId: 'req-7' });
    const delivered = Object.fromEntries(Object.entries(written).map(([name, value]) => [name, Buffer.from(value)]));
    expect(readHeaders(delivered)).toEqual(written);
  });
});

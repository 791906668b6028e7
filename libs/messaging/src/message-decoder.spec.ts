import { articleIdFor, ArticlePublishedData, ArticleWithdrawnData, ErrorCodes, Topics } from '@frontpage/contracts';
import { CE, toKafkaHeaders } from './cloud-event-headers';
import { decodeMessage, MAX_MESSAGE_BYTES, RawMessage } from './message-decoder';

const articleId = articleIdFor('reuters', 'abc-123');

const published = {
  id: articleId,
  slug: 'storm-hits-coast',
  version: 1,
  source: 'reuters',
  sourceId: 'abc-123',
  headline: 'Storm hits coast',
  body: 'A storm hit the coast on Tuesday.',
  section: 'world',
  tags: ['weather'],
  publishedAt: '2024-03-05T10:20:30.000Z',
  updatedAt: '2024-03-05T10:21:00.000Z',
};

function headers(type: string, extra: Record<string, string> = {}): Record<string, Buffer> {
  const plain = {
    ...toKafkaHeaders({
      id: 'evt-1',
      type,
      source: '/frontpage/article',
      time: '2024-03-05T10:21:00.000Z',
      subject: articleId,
      correlationId: 'req-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    }),
    ...extra,
  };
  return Object.fromEntries(Object.entries(plain).map(([name, value]) => [name, Buffer.from(value)]));
}

function message(value: unknown, type = 'ArticlePublished', overrides: Partial<RawMessage> = {}): RawMessage {
  return {
    key: Buffer.from(articleId),
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
    headers: headers(type),
    ...overrides,
  };
}

function failure(result: ReturnType<typeof decodeMessage>) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result.event)}`);
  return { code: result.code, reason: result.reason };
}

describe('decodeMessage', () => {
  it('decodes a valid message into an instance of the event class, with its attributes and key', () => {
    const result = decodeMessage(Topics.NewsArticles, message(published));
    if (!result.ok) throw new Error(result.reason);
    expect(result.event.type).toBe('ArticlePublished');
    expect(result.event.data).toBeInstanceOf(ArticlePublishedData);
    expect(result.event.data).toEqual(published);
    expect(result.event.key).toBe(articleId);
    expect(result.event.attributes).toEqual({
      id: 'evt-1',
      type: 'ArticlePublished',
      source: '/frontpage/article',
      time: '2024-03-05T10:21:00.000Z',
      subject: articleId,
      correlationId: 'req-7',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
  });

  it('decodes another type of the same topic to its own class, without a key', () => {
    const withdrawal = { id: articleId, version: 3, withdrawnAt: '2024-03-06T08:00:00.000Z', reason: 'legal' };
    const result = decodeMessage(Topics.NewsArticles, message(withdrawal, 'ArticleWithdrawn', { key: null }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.event.data).toBeInstanceOf(ArticleWithdrawnData);
    expect(result.event.data).toEqual(withdrawal);
    expect(result.event.key).toBeNull();
  });

  it('accepts string header values as well as Buffers', () => {
    const stringHeaders = toKafkaHeaders({ id: 'e', type: 'ArticlePublished', source: '/s', time: '2024-03-05T10:21:00.000Z' });
    expect(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { headers: stringHeaders })).ok).toBe(true);
  });

  it('strips unknown fields rather than rejecting the message', () => {
    const result = decodeMessage(Topics.NewsArticles, message({ ...published, addedInV2: 'later', internal: { a: 1 } }));
    if (!result.ok) throw new Error(result.reason);
    expect(result.event.data).not.toHaveProperty('addedInV2');
    expect(result.event.data).not.toHaveProperty('internal');
    expect(result.event.data).toEqual(published);
  });

  it('strips control characters from every string of the data', () => {
    const result = decodeMessage(
      Topics.NewsArticles,
      message({ ...published, headline: 'Storm\u0000 hits\u001b[31m coast', tags: ['we\u0007ather'] }),
    );
    expect(result.ok && result.event.data).toMatchObject({ headline: 'Storm hits[31m coast', tags: ['weather'] });
  });

  it('rejects a value that is not JSON as unreadable', () => {
    const { code, reason } = failure(decodeMessage(Topics.NewsArticles, message('{"id": ')));
    expect(code).toBe(ErrorCodes.MessageUnreadable);
    expect(reason).toMatch(/^the value is not JSON: /);
  });

  it.each([
    ['null', null],
    ['empty', Buffer.alloc(0)],
  ])('rejects a message with a %s value as unreadable', (_label, value) => {
    expect(failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { value })))).toEqual({
      code: ErrorCodes.MessageUnreadable,
      reason: 'the message has no value',
    });
  });

  it('refuses a value over the size limit before parsing it', () => {
    const value = Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20);
    expect(failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { value })))).toEqual({
      code: ErrorCodes.MessageUnreadable,
      reason: `the message is ${MAX_MESSAGE_BYTES + 1} bytes, over ${MAX_MESSAGE_BYTES}`,
    });
  });

  it('accepts a value of exactly the size limit', () => {
    const json = JSON.stringify(published);
    const padded = Buffer.from(json.slice(0, -1) + ' '.repeat(MAX_MESSAGE_BYTES - json.length) + '}');
    expect(padded.length).toBe(MAX_MESSAGE_BYTES);
    expect(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { value: padded })).ok).toBe(true);
  });

  it.each([
    ['an array', [published]],
    ['a number', 42],
    ['a string', 'text'],
    ['null', null],
  ])('rejects JSON that is %s, not an object', (_label, value) => {
    expect(failure(decodeMessage(Topics.NewsArticles, message(JSON.stringify(value))))).toEqual({
      code: ErrorCodes.MessageInvalid,
      reason: 'the value is not a JSON object',
    });
  });

  it('names every missing CloudEvents header', () => {
    const incomplete = headers('ArticlePublished');
    delete incomplete[CE.id];
    delete incomplete[CE.time];
    const { code, reason } = failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { headers: incomplete })));
    expect(code).toBe(ErrorCodes.MessageInvalid);
    expect(reason).toBe('missing CloudEvents headers: ce_id, ce_time');
  });

  it('rejects a message with no headers at all', () => {
    const { code, reason } = failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { headers: undefined })));
    expect(code).toBe(ErrorCodes.MessageInvalid);
    expect(reason).toBe('missing CloudEvents headers: ce_id, ce_type, ce_source, ce_time');
  });

  it.each([['0.3'], ['']])('rejects the spec version %j', (version) => {
    const wrong = { ...headers('ArticlePublished'), [CE.specversion]: Buffer.from(version) };
    const { code, reason } = failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { headers: wrong })));
    expect(code).toBe(ErrorCodes.MessageInvalid);
    expect(reason).toContain('ce_specversion');
  });

  it('rejects a message without a spec version', () => {
    const unversioned = headers('ArticlePublished');
    delete unversioned[CE.specversion];
    expect(failure(decodeMessage(Topics.NewsArticles, message(published, 'ArticlePublished', { headers: unversioned }))).code).toBe(
      ErrorCodes.MessageInvalid,
    );
  });

  it.each([
    [Topics.NewsArticles, 'ArticleSubmitted'],
    [Topics.IngestArticles, 'ArticlePublished'],
    [Topics.NewsArticles, 'ArticleDeleted'],
    [Topics.NewsArticles, 'constructor'],
    [Topics.NewsArticles, '__proto__'],
  ])('rejects on %s the type %j it does not carry', (topic, type) => {
    const { code, reason } = failure(decodeMessage(topic, message(published, type)));
    expect(code).toBe(ErrorCodes.MessageUnknownType);
    expect(reason).toBe(`event type "${type}" is not carried on ${topic}`);
  });

  it('names every invalid field in the reason', () => {
    const { code, reason } = failure(
      decodeMessage(
        Topics.NewsArticles,
        message({ ...published, id: 'not-a-uuid', version: 0, slug: 'Not A Slug', tags: ['ok', 7], updatedAt: 'yesterday' }),
      ),
    );
    expect(code).toBe(ErrorCodes.MessageInvalid);
    for (const field of ['id', 'version', 'slug', 'tags', 'updatedAt']) expect(reason).toMatch(new RegExp(`(^|, )${field}: `));
    for (const field of ['headline', 'body', 'source', 'publishedAt']) expect(reason).not.toMatch(new RegExp(`(^|, )${field}: `));
  });

  it('names a missing required field', () => {
    const { headline: _headline, ...withoutHeadline } = published;
    const { code, reason } = failure(decodeMessage(Topics.NewsArticles, message(withoutHeadline)));
    expect(code).toBe(ErrorCodes.MessageInvalid);
    expect(reason).toMatch(/^headline: /);
  });
});

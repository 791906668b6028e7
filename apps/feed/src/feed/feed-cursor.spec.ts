import { decodeCursor, encodeCursor } from './feed-cursor';

const cursor = { publishedAt: new Date('2024-03-05T10:20:30.456Z'), id: '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f' };
const raw = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

describe('feed cursor', () => {
  it('decodes what it encodes, to the millisecond', () => {
    const decoded = decodeCursor(encodeCursor(cursor));
    expect(decoded).toEqual(cursor);
    expect(decoded?.publishedAt.getTime()).toBe(cursor.publishedAt.getTime());
  });

  it('round-trips dates far from now and ids of any shape without a bar', () => {
    for (const sample of [
      { publishedAt: new Date(0), id: 'a' },
      { publishedAt: new Date('1999-12-31T23:59:59.999Z'), id: '66f1c0de4b0a1c2d3e4f5a6b' },
      { publishedAt: new Date('2100-01-01T00:00:00.000Z'), id: 'reuters:abc-123/ü' },
    ]) {
      expect(decodeCursor(encodeCursor(sample))).toEqual(sample);
    }
  });

  it('is URL-safe text', () => {
    expect(encodeCursor({ publishedAt: new Date('2024-12-31T23:59:59.999Z'), id: '???>>>~~~' })).toMatch(/^[A-Za-z0-9_-]+$/);
  });

  it('differs for different positions', () => {
    expect(encodeCursor(cursor)).not.toBe(encodeCursor({ ...cursor, id: `${cursor.id}0` }));
    expect(encodeCursor(cursor)).not.toBe(encodeCursor({ ...cursor, publishedAt: new Date(cursor.publishedAt.getTime() + 1) }));
  });

  it.each(['', 'garbage', '!!!!', '%%%', 'eyJhIjoxfQ', raw('{"publishedAt":"2024-03-05T10:20:30.456Z","id":"x"}')])(
    'rejects the garbage cursor %j',
    (value) => {
      expect(decodeCursor(value)).toBeUndefined();
    },
  );

  it.each([
    ['no id', raw('2024-03-05T10:20:30.456Z')],
    ['an empty id', raw('2024-03-05T10:20:30.456Z|')],
    ['no date', raw('|abc')],
    ['an invalid date', raw('2024-02-30T10:20:30.456Z|abc')],
    ['a date without milliseconds', raw('2024-03-05T10:20:30Z|abc')],
    ['a date without a time', raw('2024-03-05|abc')],
    ['a date with an offset', raw('2024-03-05T11:20:30.456+01:00|abc')],
    ['a timestamp', raw('1709634030456|abc')],
    ['an extra part', raw('2024-03-05T10:20:30.456Z|abc|def')],
    ['an empty extra part', raw('2024-03-05T10:20:30.456Z|abc|')],
  ])('rejects a cursor with %s', (_label, value) => {
    expect(decodeCursor(value)).toBeUndefined();
  });

  it('rejects a cursor whose date was tampered with', () => {
    const encoded = encodeCursor(cursor);
    const tampered = `${encoded[0] === 'A' ? 'B' : 'A'}${encoded.slice(1)}`;
    expect(decodeCursor(tampered)).toBeUndefined();
  });
});

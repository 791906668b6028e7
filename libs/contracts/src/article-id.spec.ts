import { isUUID } from 'class-validator';
import { articleIdFor } from './article-id';

const UUID_V5 = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('articleIdFor', () => {
  it('gives the same id for the same source and source id', () => {
    expect(articleIdFor('reuters', 'abc-123')).toBe(articleIdFor('reuters', 'abc-123'));
  });

  it('keeps the ids already handed out to sources (namespace and name layout never change)', () => {
    // Checked against an independent RFC 4122 v5 implementation; a change here re-keys every stored article.
    expect(articleIdFor('reuters', 'abc-123')).toBe('a3606c6f-d908-5eaa-8c1b-5c2effb6d421');
  });

  it.each([
    ['reuters', 'abc-123'],
    ['ap', ''],
    ['', ''],
    ['bbc', 'ünïcödé/пример/新闻'],
    ['x', 'y'.repeat(256)],
  ])('is a lower-case RFC 4122 version 5 uuid for (%j, %j)', (source, sourceId) => {
    const id = articleIdFor(source, sourceId);
    expect(id).toMatch(UUID_V5);
    expect(isUUID(id, '5')).toBe(true);
  });

  it('sets the version nibble to 5 and the variant bits to 10xx', () => {
    const hex = articleIdFor('ap', 'story-1').replace(/-/g, '');
    expect(parseInt(hex[12], 16)).toBe(5);
    expect(parseInt(hex[16], 16) & 0b1100).toBe(0b1000);
  });

  it('gives different ids for different source ids and for different sources', () => {
    const ids = new Set([
      articleIdFor('reuters', '1'),
      articleIdFor('reuters', '2'),
      articleIdFor('ap', '1'),
      articleIdFor('Reuters', '1'),
      articleIdFor('reuters', '1 '),
    ]);
    expect(ids.size).toBe(5);
  });

  it('does not confuse where the source ends and the source id begins', () => {
    expect(articleIdFor('a', 'bc')).not.toBe(articleIdFor('ab', 'c'));
    expect(articleIdFor('a', 'b')).not.toBe(articleIdFor('b', 'a'));
    expect(articleIdFor('', 'ab')).not.toBe(articleIdFor('ab', ''));
  });
});

import { decodeSearchCursor, encodeSearchCursor, MAX_TERMS_PER_ARTICLE, TERM_WEIGHTS, termWeights } from './search-index';

describe('termWeights', () => {
  it('gives each term the weight of the best place it appears in', () => {
    const weights = termWeights('Harbour bridge reopens', 'The bridge reopened on Monday', 'Traffic returned to the harbour bridges.');
    expect(weights.get('harbour')).toBe(TERM_WEIGHTS.headline);
    expect(weights.get('bridg')).toBe(TERM_WEIGHTS.headline);
    expect(weights.get('mondai')).toBe(TERM_WEIGHTS.teaser);
    expect(weights.get('traffic')).toBe(TERM_WEIGHTS.body);
    expect(weights.has('the')).toBe(false);
  });

  it('ranks one headline match above every body match an article can hold', () => {
    expect(TERM_WEIGHTS.headline).toBeGreaterThan(TERM_WEIGHTS.teaser * 20);
    expect(TERM_WEIGHTS.teaser).toBeGreaterThan(TERM_WEIGHTS.body * 20);
  });

  it('caps the number of terms', () => {
    const body = Array.from({ length: MAX_TERMS_PER_ARTICLE + 50 }, (_, i) => `word${i}x`).join(' ');
    expect(termWeights('Headline', '', body).size).toBe(MAX_TERMS_PER_ARTICLE);
  });
});

describe('search cursor', () => {
  it('round-trips and rejects garbage', () => {
    const position = { score: 1031, publishedAt: new Date('2026-01-02T03:04:05.678Z'), id: 'abc' };
    expect(decodeSearchCursor(encodeSearchCursor(position))).toEqual(position);
    for (const bad of ['', 'garbage', Buffer.from('x|2026-01-02T03:04:05.678Z|a').toString('base64url')]) {
      expect(decodeSearchCursor(bad)).toBeUndefined();
    }
  });
});

import { ARTICLE_LIMITS, SLUG_PATTERN } from '@frontpage/contracts';
import { disambiguatedSlug, slugFromHeadline } from './slug';

describe('slugFromHeadline', () => {
  it.each([
    ['Storm hits the coast', 'storm-hits-the-coast'],
    ['  Storm   hits\tthe coast  ', 'storm-hits-the-coast'],
    ['UPPER and lower', 'upper-and-lower'],
    ['Ça va? Ünïcödé façade', 'ca-va-unicode-facade'],
    ['Zürich: Ärger über Öl-Preise', 'zurich-arger-uber-ol-preise'],
    ['"Quoted" headline...', 'quoted-headline'],
    ["Tom's café -- review!", 'toms-cafe-review'],
    ['Live: Election results (updated)', 'live-election-results-updated'],
    ['Storm hits — coast road closed', 'storm-hits-coast-road-closed'],
    ['-40 degrees in Siberia', '40-degrees-in-siberia'],
    ['Rock & Roll', 'rock-and-roll'],
    ['2024 in review', '2024-in-review'],
  ])('makes %j into %j', (headline, slug) => {
    expect(slugFromHeadline(headline)).toBe(slug);
  });

  it.each(['', '   ', '!!!', '---', '...', '新闻', '记者会'])(
    'falls back to "article" for %j, which has no Latin letters or digits',
    (headline) => {
      expect(slugFromHeadline(headline)).toBe('article');
    },
  );

  it('cuts a long slug at a word boundary, within 80 characters', () => {
    const headline = 'The council voted on Tuesday to approve the new harbour bridge after years of delays and disputes';
    const full = 'the-council-voted-on-tuesday-to-approve-the-new-harbour-bridge-after-years-of-delays-and-disputes';
    const slug = slugFromHeadline(headline);
    expect(slug).toBe('the-council-voted-on-tuesday-to-approve-the-new-harbour-bridge-after-years-of');
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(full.startsWith(slug)).toBe(true);
    expect(full.charAt(slug.length)).toBe('-');
  });

  it('keeps a word that ends exactly at 80 characters', () => {
    const headline = `${'a'.repeat(39)} ${'b'.repeat(40)} tail`;
    expect(slugFromHeadline(headline)).toBe(`${'a'.repeat(39)}-${'b'.repeat(40)}`);
  });

  it('keeps a slug of exactly 80 characters whole', () => {
    const headline = `${'a'.repeat(40)} ${'b'.repeat(39)}`;
    expect(slugFromHeadline(headline)).toBe(`${'a'.repeat(40)}-${'b'.repeat(39)}`);
  });

  it('cuts a single very long word at 80 characters', () => {
    expect(slugFromHeadline('x'.repeat(300))).toBe('x'.repeat(80));
  });

  it('always gives a slug the article events accept', () => {
    const headlines = [
      'Storm hits the coast',
      '-Leading and trailing-',
      '— Breaking —',
      '$100 deal',
      'C++ & C# – news',
      '½ price',
      '<b>bold</b>',
      'a_b ~ c * d @ e',
      'Новости дня',
      `${'word '.repeat(30)}`,
      `${'abc-'.repeat(40)}`,
      'x'.repeat(300),
    ];
    for (const headline of headlines) {
      const slug = slugFromHeadline(headline);
      expect(slug).toMatch(SLUG_PATTERN);
      expect(slug.length).toBeLessThanOrEqual(80);
    }
  });
});

describe('disambiguatedSlug', () => {
  const id = '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f';

  it('adds the first eight hex digits of the article id', () => {
    expect(disambiguatedSlug('storm-hits-the-coast', id)).toBe('storm-hits-the-coast-3f2c9a1e');
  });

  it('is stable for the same article and differs between articles', () => {
    expect(disambiguatedSlug('storm', id)).toBe(disambiguatedSlug('storm', id));
    expect(disambiguatedSlug('storm', id)).not.toBe(disambiguatedSlug('storm', '9a8b7c6d-5b7d-4c1a-8e2f-9a0b1c2d3e4f'));
  });

  it('skips the hyphens of the id, so short leading groups still give eight digits', () => {
    expect(disambiguatedSlug('storm', '3f2c-9a1e-5b7d')).toBe('storm-3f2c9a1e');
  });

  it('stays a valid slug within the event limit, even after the longest headline slug', () => {
    const slug = disambiguatedSlug(slugFromHeadline('word '.repeat(100)), id);
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug.length).toBeLessThanOrEqual(ARTICLE_LIMITS.slug);
  });
});

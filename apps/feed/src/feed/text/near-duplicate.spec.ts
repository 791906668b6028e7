import { headlineKey, isNearDuplicate, wordSimilarity } from './near-duplicate';

describe('near duplicates', () => {
  it('reduces headlines to their words', () => {
    expect(headlineKey('  Harbour Bridge RE-OPENS: "at last"! ')).toBe('harbour bridge re opens at last');
  });

  it('measures word overlap', () => {
    expect(wordSimilarity('a b c d', 'a b c d')).toBe(1);
    expect(wordSimilarity('a b', 'c d')).toBe(0);
    expect(wordSimilarity('a b c', 'a b d')).toBeCloseTo(0.5);
    expect(wordSimilarity('', 'a')).toBe(0);
  });

  it('takes the same headline, however punctuated, as a duplicate', () => {
    expect(
      isNearDuplicate(
        { headlineKey: headlineKey('Storm hits coast'), teaser: 'One text entirely.' },
        { headlineKey: headlineKey('STORM HITS COAST!'), teaser: 'Another, quite different, text.' },
      ),
    ).toBe(true);
  });

  it('takes a teaser that differs by a word as a duplicate, and a different story as not', () => {
    const teaser = 'The harbour bridge reopened on Monday after three months of repairs, the city council said';
    const a = { headlineKey: 'bridge reopens', teaser };
    expect(isNearDuplicate(a, { headlineKey: 'harbour bridge back', teaser: teaser.replace('Monday', 'Tuesday') })).toBe(true);
    expect(isNearDuplicate(a, { headlineKey: 'council budget', teaser: 'The city council approved its budget for next year' })).toBe(false);
  });
});

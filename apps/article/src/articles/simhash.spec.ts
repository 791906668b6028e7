import { hammingDistance, NEAR_DUPLICATE_DISTANCE, simhash, simhashBands, SIMHASH_BANDS } from './simhash';

const wire =
  'According to data updated on Thursday by the Union Health Ministry, 4,272 new instances of infections have been ' +
  'registered throughout the country. Officials urged caution ahead of the festive season, saying crowds at markets ' +
  'and temples could spread the virus again. The ministry said the number of active cases had fallen for the third ' +
  'week in a row, while vaccination continued in every state. Hospitals in the capital reported fewer admissions than a month ago.';
const other =
  'The harbour bridge reopened on Monday after two years of repairs, the city council said. Commuters who had faced ' +
  'detours of up to forty minutes welcomed the news, although cyclists said the new lanes were narrower than promised. ' +
  'The council said the final cost was twelve percent over budget because of steel prices and delays caused by storms last winter.';

describe('simhash', () => {
  it('is 64 bits in hex, the same for the same words whatever the case, accents or punctuation', () => {
    expect(simhash(wire)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(wire.toUpperCase().replace(/,/g, ' ;'))).toBe(simhash(wire));
  });

  it('puts a lightly edited copy within the near-duplicate distance and another story far outside it', () => {
    const edited = wire.replace('Thursday', 'Friday').replace('urged caution', 'called for caution').replace('third week', 'fourth week');
    expect(hammingDistance(simhash(wire)!, simhash(edited)!)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
    expect(hammingDistance(simhash(wire)!, simhash(other)!)).toBeGreaterThan(NEAR_DUPLICATE_DISTANCE * 2);
    expect(hammingDistance(simhash(wire)!, simhash(`Copyright Example Wire. ${wire} Read more at example.org.`)!)).toBeLessThanOrEqual(
      NEAR_DUPLICATE_DISTANCE,
    );
  });

  it('gives nothing for a body too short to judge', () => {
    expect(simhash('Storm hits the coast. More soon.')).toBeUndefined();
  });
});

describe('simhashBands', () => {
  it('covers all 64 bits in SIMHASH_BANDS bands, so fingerprints within the distance share a band', () => {
    const bands = simhashBands('ffffffffffffffff');
    expect(bands).toHaveLength(SIMHASH_BANDS);
    expect(bands.map((band) => band.split(':')[1]).join('')).toBe('1'.repeat(64));
    // Flip NEAR_DUPLICATE_DISTANCE bits spread over the fingerprint: at least one band is untouched.
    const flipped = (BigInt('0xffffffffffffffff') ^ BigInt('0x8040201008040201') ^ BigInt(1 << 5)).toString(16).padStart(16, '0');
    expect(hammingDistance('ffffffffffffffff', flipped)).toBeLessThanOrEqual(NEAR_DUPLICATE_DISTANCE);
    const shared = simhashBands(flipped).filter((band) => bands.includes(band));
    expect(shared.length).toBeGreaterThan(0);
  });

  it('measures the distance bit by bit', () => {
    expect(hammingDistance('0000000000000000', '0000000000000000')).toBe(0);
    expect(hammingDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(hammingDistance('0000000100000001', '0000000000000000')).toBe(2);
  });
});

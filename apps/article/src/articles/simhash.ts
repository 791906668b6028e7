/**
 * SimHash (Charikar) over word shingles of an article's body: near-identical texts get fingerprints
 * a few bits apart, unrelated texts about half their bits apart. It was how the same wire story
 * republished by another source was found, before MinHash (minhash.ts); kept as the baseline the new
 * lookup is measured against (minhash.spec.ts, scripts/bench/near-duplicates.ts), and for its text
 * normalisation, which both share.
 */

const SHINGLE_WORDS = 3;
/** Fingerprints at most this many bits apart are the same story. */
export const NEAR_DUPLICATE_DISTANCE = 9;
/**
 * The fingerprint is split into this many bands for lookup: two fingerprints within
 * NEAR_DUPLICATE_DISTANCE bits share at least one band exactly (pigeonhole), so the store can find
 * candidates with an equality match and only they are compared bit by bit.
 */
export const SIMHASH_BANDS = NEAR_DUPLICATE_DISTANCE + 1;
/** Below this many words a body is too short to call a copy: headlines and briefs look alike. */
export const MIN_WORDS_FOR_DUPLICATES = 40;

export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The 64-bit SimHash of the text as 16 hex digits, or undefined for a text too short to compare. */
export function simhash(text: string): string | undefined {
  const words = wordsOf(text);
  if (words.length < MIN_WORDS_FOR_DUPLICATES) return undefined;
  const weights = new Int32Array(64);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const shingle = words.slice(i, i + SHINGLE_WORDS).join(' ');
    const high = fnv1a(shingle, 0x811c9dc5);
    const low = fnv1a(shingle, 0x01000193 ^ 0x5bd1e995);
    for (let bit = 0; bit < 32; bit++) {
      weights[bit] += (high >>> bit) & 1 ? 1 : -1;
      weights[32 + bit] += (low >>> bit) & 1 ? 1 : -1;
    }
  }
  let high = 0;
  let low = 0;
  for (let bit = 0; bit < 32; bit++) {
    if (weights[bit] > 0) high |= 1 << bit;
    if (weights[32 + bit] > 0) low |= 1 << bit;
  }
  return hex32(high) + hex32(low);
}

export function hammingDistance(a: string, b: string): number {
  let distance = 0;
  for (let i = 0; i < 16; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x) {
      x &= x - 1;
      distance++;
    }
  }
  return distance;
}

/** Band keys of a fingerprint (`<band>:<bits>`), stored and indexed beside it. */
export function simhashBands(fingerprint: string): string[] {
  const bits = [...fingerprint].map((digit) => parseInt(digit, 16).toString(2).padStart(4, '0')).join('');
  const bands: string[] = [];
  for (let band = 0; band < SIMHASH_BANDS; band++) {
    bands.push(`${band}:${bits.slice(Math.floor((band * 64) / SIMHASH_BANDS), Math.floor(((band + 1) * 64) / SIMHASH_BANDS))}`);
  }
  return bands;
}

function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  // A final avalanche so that similar shingles do not share low bits.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/**
 * MinHash signatures and LSH band keys over the word shingles of an article's body, for finding the
 * same wire story republished by another source with small edits.
 *
 * A signature holds MINHASH_BANDS × MINHASH_ROWS minimum hashes; two texts agree at each position
 * with a probability equal to the Jaccard similarity J of their shingle sets. A band key is one band
 * of MINHASH_ROWS positions written out whole, so two texts share it with probability J^ROWS: about
 * 0.24 for a copy with J = 0.7, but 10^-8 for two unrelated stories with J = 0.01. Unlike the
 * 6-bit SimHash bands this replaces (each shared by 1 article in 64), the number of articles that
 * share a key with a new one does not grow with the number of articles stored.
 */
import { MIN_WORDS_FOR_DUPLICATES, wordsOf } from './simhash';

const SHINGLE_WORDS = 3;
export const MINHASH_BANDS = 16;
export const MINHASH_ROWS = 4;
export const MINHASH_SIZE = MINHASH_BANDS * MINHASH_ROWS;
/**
 * Two bodies whose estimated Jaccard similarity (share of equal signature positions) reaches this are
 * the same story. Copies with typical wire edits measure 0.6–0.95; stories on the same topic by other
 * writers stay below 0.15 (minhash.spec.ts).
 */
export const NEAR_DUPLICATE_JACCARD = 0.5;

/** Per-position seeds: fixed, because signatures are stored and compared across releases. */
const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => mix32(0x9e3779b9 * (i + 1)));

/** The text's signature, or undefined for a text too short to compare (as for SimHash). */
export function minhashSignature(text: string): Uint32Array | undefined {
  const words = wordsOf(text);
  if (words.length < MIN_WORDS_FOR_DUPLICATES) return undefined;
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) shingles.add(hash32(words.slice(i, i + SHINGLE_WORDS).join(' ')));
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const shingle of shingles) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const value = mix32(shingle ^ SEEDS[i]);
      if (value < signature[i]) signature[i] = value;
    }
  }
  return signature;
}

/** One key per band, `<band>:<its ROWS values in hex>`: texts sharing a key are candidates. */
export function minhashBandKeys(signature: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < MINHASH_BANDS; band++) {
    let key = `${band.toString(16)}:`;
    for (let row = 0; row < MINHASH_ROWS; row++) key += hex32(signature[band * MINHASH_ROWS + row]);
    keys.push(key);
  }
  return keys;
}

/** The share of positions at which two signatures agree: an estimate of the texts' Jaccard similarity. */
export function estimatedJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) equal++;
  return equal / a.length;
}

/** A signature as stored with the article: MINHASH_SIZE × 8 hex digits. */
export function encodeSignature(signature: Uint32Array): string {
  return Array.from(signature, hex32).join('');
}

/** The stored form read back; undefined for a value of another length (another scheme). */
export function decodeSignature(encoded: string): Uint32Array | undefined {
  if (encoded.length !== MINHASH_SIZE * 8 || !/^[0-9a-f]+$/.test(encoded)) return undefined;
  return Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => parseInt(encoded.slice(i * 8, i * 8 + 8), 16));
}

function hash32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return mix32(hash);
}

/** MurmurHash3's finaliser: a bijection on 32 bits, so each seeded variant is a random-looking permutation. */
function mix32(value: number): number {
  let hash = value >>> 0;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

function hex32(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

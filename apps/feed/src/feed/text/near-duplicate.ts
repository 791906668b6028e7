import { words } from './tokens';

/** A headline reduced to its words: two stories with the same key are the same story told twice. */
export function headlineKey(headline: string): string {
  return words(headline).join(' ');
}

/** Jaccard similarity of the two texts' sets of words, 0 (nothing shared) to 1 (the same words). */
export function wordSimilarity(a: string, b: string): number {
  const left = new Set(words(a));
  const right = new Set(words(b));
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / (left.size + right.size - shared);
}

export const NEAR_DUPLICATE_TEASER_SIMILARITY = 0.8;

export interface Comparable {
  headlineKey: string;
  teaser: string;
}

/**
 * Wire copy is often re-filed with a new id: the same headline, or a teaser that differs by a word
 * or two. Readers should not be offered the story they are reading again.
 */
export function isNearDuplicate(a: Comparable, b: Comparable): boolean {
  if (a.headlineKey.length > 0 && a.headlineKey === b.headlineKey) return true;
  return wordSimilarity(a.teaser, b.teaser) >= NEAR_DUPLICATE_TEASER_SIMILARITY;
}

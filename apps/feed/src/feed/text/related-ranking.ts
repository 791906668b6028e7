import { Comparable, isNearDuplicate } from './near-duplicate';

export interface RelatedCandidate extends Comparable {
  id: string;
  topics: string[];
  publishedAt: Date;
}

export interface RankingOptions {
  limit: number;
  /** Age after which a candidate's recency weight has halved. */
  halfLifeHours: number;
  now: Date;
  /** Articles that carry the topic (the source included), for the rarity weight. */
  documentFrequency: ReadonlyMap<string, number>;
  /** Visible articles in all. */
  totalDocuments: number;
}

/** Rarer topics say more: "election-2026" shared is a stronger signal than "politics" shared. */
export function topicWeight(documentFrequency: number, totalDocuments: number): number {
  return Math.log(1 + totalDocuments / Math.max(1, documentFrequency));
}

/** 1 for a story published now, 0.5 one half-life ago; never below a floor, so old but close stories still count. */
export function recencyWeight(publishedAt: Date, now: Date, halfLifeHours: number): number {
  const ageHours = Math.max(0, (now.getTime() - publishedAt.getTime()) / 3_600_000);
  return 0.25 + 0.75 * Math.pow(0.5, ageHours / halfLifeHours);
}

export interface ScoredCandidate<T extends RelatedCandidate> {
  candidate: T;
  score: number;
}

/**
 * "You May Also Like": candidates sharing topics with the source, scored by the rarity of what they
 * share times their recency; never the source itself, never a near-duplicate of it (or of a story
 * already picked), best first, ties to the newer.
 */
export function rankRelated<T extends RelatedCandidate>(
  source: RelatedCandidate,
  candidates: T[],
  options: RankingOptions,
): ScoredCandidate<T>[] {
  const sourceTopics = new Set(source.topics);
  const scored: ScoredCandidate<T>[] = [];
  for (const candidate of candidates) {
    if (candidate.id === source.id) continue;
    let shared = 0;
    for (const topic of new Set(candidate.topics)) {
      if (sourceTopics.has(topic)) shared += topicWeight(options.documentFrequency.get(topic) ?? 1, options.totalDocuments);
    }
    if (shared === 0) continue;
    scored.push({ candidate, score: shared * recencyWeight(candidate.publishedAt, options.now, options.halfLifeHours) });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      b.candidate.publishedAt.getTime() - a.candidate.publishedAt.getTime() ||
      (a.candidate.id < b.candidate.id ? 1 : -1),
  );
  return pickDistinct(source, scored, options.limit, (entry) => entry.candidate);
}

/** The first `limit` entries that are neither the source, nor a near-duplicate of it or of one already picked. */
export function pickDistinct<E>(
  source: RelatedCandidate,
  entries: E[],
  limit: number,
  of: (entry: E) => RelatedCandidate,
  picked: RelatedCandidate[] = [],
): E[] {
  const result: E[] = [];
  const seen = [source, ...picked];
  for (const entry of entries) {
    if (result.length >= limit) break;
    const candidate = of(entry);
    if (seen.some((other) => other.id === candidate.id || isNearDuplicate(other, candidate))) continue;
    seen.push(candidate);
    result.push(entry);
  }
  return result;
}

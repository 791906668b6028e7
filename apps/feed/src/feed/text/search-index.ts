import { distinctSearchTerms } from './tokens';

/** Where a term appears decides its weight: one headline match outranks any number of body matches. */
export const TERM_WEIGHTS = { headline: 1000, teaser: 30, body: 1 } as const;

/** Past this many distinct terms an article's body adds nothing useful to its index. */
export const MAX_TERMS_PER_ARTICLE = 1500;

/** Each distinct term of the article with the weight of the best place it appears in. */
export function termWeights(headline: string, teaser: string, body: string): Map<string, number> {
  const weights = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const term of distinctSearchTerms(text)) {
      if (weights.size >= MAX_TERMS_PER_ARTICLE && !weights.has(term)) continue;
      weights.set(term, Math.max(weights.get(term) ?? 0, weight));
    }
  };
  add(headline, TERM_WEIGHTS.headline);
  add(teaser, TERM_WEIGHTS.teaser);
  add(body, TERM_WEIGHTS.body);
  return weights;
}

export interface SearchPosition {
  score: number;
  publishedAt: Date;
  id: string;
}

export function encodeSearchCursor(position: SearchPosition): string {
  return Buffer.from(`${position.score}|${position.publishedAt.toISOString()}|${position.id}`, 'utf8').toString('base64url');
}

export function decodeSearchCursor(value: string): SearchPosition | undefined {
  const [score, iso, id, ...rest] = Buffer.from(value, 'base64url').toString('utf8').split('|');
  const publishedAt = new Date(iso ?? '');
  if (rest.length > 0 || !id || !/^\d+$/.test(score ?? '') || Number.isNaN(publishedAt.getTime()) || publishedAt.toISOString() !== iso)
    return undefined;
  return { score: Number(score), publishedAt, id };
}

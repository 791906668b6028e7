import { randomUUID } from 'node:crypto';
import { SeededRandom, randomProse } from './random';
import type { CommentStatus, ExpectedArticle, ExpectedComment } from './checks';

export const CHAOS_SOURCE = 'wire';

export interface ArticleInput {
  source: string;
  sourceId: string;
  headline: string;
  body: string;
  section: string;
  tags: string[];
  dateline: string;
  updatedAt: string;
}

/** One planned article: its versions in the order they are sent (the last one must win). */
export interface PlannedArticle {
  id?: string;
  versions: ArticleInput[];
  /** Versions sent at least once, and versions answered 202. */
  attempted: number;
  acknowledged: number;
}

export function planArticles(random: SeededRandom, count: number, runTag: string): PlannedArticle[] {
  const base = Date.now();
  return Array.from({ length: count }, (_, index) => {
    const sourceId = `${runTag}-a${index}-${randomUUID().slice(0, 8)}`;
    const first: ArticleInput = {
      source: CHAOS_SOURCE,
      sourceId,
      headline: `${randomProse(random, 5).slice(0, -1)} ${index}`,
      body: [randomProse(random, 40), randomProse(random, 40), randomProse(random, 30)].join('\n\n'),
      section: random.pick(['world', 'europe', 'business', 'science', 'sport']),
      tags: [random.pick(['health', 'energy', 'transport', 'courts', 'culture'])],
      dateline: random.pick(['LISBON -', 'New Delhi, Sept 29-', 'NAIROBI -', 'OSLO -']),
      updatedAt: new Date(base + index).toISOString(),
    };
    const versions = [first];
    if (random.next() < 0.25) {
      versions.push({
        ...first,
        headline: `${first.headline} (updated)`,
        body: `${first.body}\n\n${randomProse(random, 25)}`,
        updatedAt: new Date(base + 60_000 + index).toISOString(),
      });
    }
    return { versions, attempted: 0, acknowledged: 0 };
  });
}

export interface CommentAttempt {
  token: string;
  articleId: string;
  slug: string;
  approve: boolean;
  /** Set once the gateway answered 202. */
  id?: string;
  approved?: boolean;
}

/** What the run acknowledged, as the checks expect to find it. */
export function expectedArticles(planned: PlannedArticle[]): ExpectedArticle[] {
  return planned.flatMap((article) => {
    if (!article.id || article.acknowledged === 0) return [];
    const headlines = article.versions
      .slice(article.acknowledged - 1, Math.max(article.attempted, article.acknowledged))
      .map((v) => v.headline);
    return [{ id: article.id, headlines, versions: article.acknowledged }];
  });
}

export function expectedComments(attempts: CommentAttempt[]): ExpectedComment[] {
  return attempts.flatMap((attempt) => {
    if (!attempt.id) return [];
    // Each commenter is new, so held for moderation until the moderator approves.
    const status: CommentStatus = attempt.approved ? 'approved' : 'pending';
    return [{ id: attempt.id, articleId: attempt.articleId, status }];
  });
}

/** The verdict of a chaos run: pure functions over what was acknowledged and what the system shows. */

export interface ExpectedArticle {
  id: string;
  /**
   * The headline of the last version ingest acknowledged with 202, then those of any later versions
   * sent without an answer (they may have been taken): the feed must show one of these.
   */
  headlines: string[];
  versions: number;
}

export interface FeedEntry {
  id: string;
  slug: string;
  headline: string;
  commentCount: number;
}

export type CommentStatus = 'pending' | 'approved' | 'rejected' | 'spam';

export interface ExpectedComment {
  id: string;
  articleId: string;
  status: CommentStatus;
}

export interface StoredComment {
  id: string;
  status: string;
  body: string;
}

export interface DeadLetterSeen {
  /** The logical topic the letter was dead-lettered from. */
  topic: string;
  poisonId?: string;
  /** The consumer group that gave up on the message (`dlq_consumer_group`). */
  group?: string;
}

export interface InjectedPoison {
  topic: string;
  poisonId: string;
  /** How many consumer groups read the topic, so how many dead letters it must make. */
  consumers: number;
}

export interface Verdict {
  failures: string[];
  checked: Record<string, number>;
}

const MAX_LISTED = 10;

function listed(label: string, items: string[]): string[] {
  if (items.length === 0) return [];
  const shown = items.slice(0, MAX_LISTED).join('; ');
  return [`${label} (${items.length}): ${shown}${items.length > MAX_LISTED ? '; …' : ''}`];
}

/** Every acknowledged article once in the feed, at its latest acknowledged version, and nothing else. */
export function checkFeed(expected: ExpectedArticle[], feed: FeedEntry[]): string[] {
  const seen = new Map<string, FeedEntry[]>();
  for (const item of feed) seen.set(item.id, [...(seen.get(item.id) ?? []), item]);
  const missing: string[] = [];
  const stale: string[] = [];
  for (const article of expected) {
    const entries = seen.get(article.id) ?? [];
    if (entries.length === 0) missing.push(article.id);
    else if (!article.headlines.includes(entries[0].headline)) {
      stale.push(`${article.id} shows "${entries[0].headline}", expected "${article.headlines[0]}"`);
    }
  }
  const duplicated = [...seen.entries()].filter(([, entries]) => entries.length > 1).map(([id, entries]) => `${id} ×${entries.length}`);
  const slugs = new Map<string, number>();
  for (const item of feed) slugs.set(item.slug, (slugs.get(item.slug) ?? 0) + 1);
  const sharedSlugs = [...slugs.entries()].filter(([, n]) => n > 1).map(([slug, n]) => `${slug} ×${n}`);
  const known = new Set(expected.map((article) => article.id));
  const unexpected = [...seen.keys()].filter((id) => !known.has(id));
  return [
    ...listed('articles acknowledged but missing from the feed', missing),
    ...listed('articles in the feed at an older version', stale),
    ...listed('articles in the feed more than once', duplicated),
    ...listed('slugs in the feed more than once', sharedSlugs),
    ...listed('feed items nobody submitted', unexpected),
  ];
}

/**
 * Every comment answered 202 exists once with the expected status. `tokens` maps each attempt's
 * unique marker (written into its body) to the comment id it was acknowledged as, or null when the
 * attempt got no 202: such an attempt may or may not have been stored, but never twice.
 */
export function checkComments(expected: ExpectedComment[], stored: StoredComment[], tokens: Map<string, string | null>): string[] {
  const byId = new Map<string, StoredComment[]>();
  for (const comment of stored) byId.set(comment.id, [...(byId.get(comment.id) ?? []), comment]);
  const missing: string[] = [];
  const wrongStatus: string[] = [];
  for (const comment of expected) {
    const found = byId.get(comment.id) ?? [];
    if (found.length === 0) missing.push(comment.id);
    else if (found[0].status !== comment.status) wrongStatus.push(`${comment.id} is ${found[0].status}, expected ${comment.status}`);
  }
  const duplicatedIds = [...byId.entries()].filter(([, found]) => found.length > 1).map(([id, found]) => `${id} ×${found.length}`);
  const perToken = new Map<string, number>();
  for (const comment of stored) {
    for (const token of tokens.keys()) if (comment.body.includes(token)) perToken.set(token, (perToken.get(token) ?? 0) + 1);
  }
  const duplicatedBodies = [...perToken.entries()].filter(([, n]) => n > 1).map(([token, n]) => `${token} ×${n}`);
  const strangers = stored.filter((comment) => ![...tokens.keys()].some((token) => comment.body.includes(token))).map((c) => c.id);
  return [
    ...listed('comments answered 202 but not stored', missing),
    ...listed('comments with the wrong status', wrongStatus),
    ...listed('comment ids stored more than once', duplicatedIds),
    ...listed('comment submissions stored more than once', duplicatedBodies),
    ...listed('stored comments nobody submitted', strangers),
  ];
}

/** Comment counts on feed items (and thread totals) equal the approved comments per article. */
export function checkCounts(expected: ExpectedComment[], counts: Map<string, { feed?: number; thread?: number }>): string[] {
  const approved = new Map<string, number>();
  for (const comment of expected)
    if (comment.status === 'approved') approved.set(comment.articleId, (approved.get(comment.articleId) ?? 0) + 1);
  const wrong: string[] = [];
  for (const [articleId, shown] of counts) {
    const want = approved.get(articleId) ?? 0;
    if (shown.feed !== want) wrong.push(`${articleId}: feed commentCount ${String(shown.feed)}, expected ${want}`);
    if (shown.thread !== undefined && shown.thread !== want) wrong.push(`${articleId}: thread total ${shown.thread}, expected ${want}`);
  }
  return listed('comment counts that are not exact', wrong);
}

/**
 * Every injected poison reached its dead-letter topic from each consumer group, and nothing else did.
 * A group may dead-letter the same poison twice: a consumer killed after writing the dead letter but
 * before committing the offset meets the message again (at-least-once, like every delivery here;
 * replaying a dead letter is idempotent). That is counted apart, not as a loss.
 */
export function checkDeadLetters(injected: InjectedPoison[], letters: DeadLetterSeen[]): string[] {
  const unexpected = letters.filter((letter) => !letter.poisonId).map((letter) => letter.topic);
  const wrong: string[] = [];
  for (const poison of injected) {
    const mine = letters.filter((letter) => letter.poisonId === poison.poisonId && letter.topic === poison.topic);
    const groups = new Set(mine.map((letter) => letter.group ?? `letter-${mine.indexOf(letter)}`)).size;
    if (groups !== poison.consumers)
      wrong.push(`${poison.poisonId} on ${poison.topic}: dead-lettered by ${groups} consumer group(s), expected ${poison.consumers}`);
  }
  return [
    ...listed('real messages dead-lettered (not injected poison)', unexpected),
    ...listed('poison not dead-lettered as expected', wrong),
  ];
}

/** How many dead letters repeat one a group already wrote (after a kill between writing and committing). */
export function repeatedDeadLetters(letters: DeadLetterSeen[]): number {
  const seen = new Set<string>();
  let repeats = 0;
  for (const letter of letters) {
    if (!letter.poisonId || !letter.group) continue;
    const key = `${letter.topic} ${letter.poisonId} ${letter.group}`;
    if (seen.has(key)) repeats++;
    seen.add(key);
  }
  return repeats;
}

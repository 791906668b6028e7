import { KnownArticle } from './known-article.schema';

export type CommentingState = 'open' | 'unknown' | 'withdrawn' | 'closed';

export interface CommentingRules {
  /** Article ids or slugs closed for comments. */
  closedArticles: readonly string[];
  /** Article ids or slugs that are post-moderated. */
  postModeratedArticles: readonly string[];
  defaultModeration: 'pre' | 'post';
  /** 0: never close on age. */
  closeAfterDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whether an article takes comments now, from the comment service's own record of it. */
export function commentingStateOf(article: KnownArticle | null, rules: CommentingRules, now: Date): CommentingState {
  if (!article) return 'unknown';
  if (article.status === 'withdrawn') return 'withdrawn';
  if (listed(article, rules.closedArticles)) return 'closed';
  if (rules.closeAfterDays > 0 && article.publishedAt && now.getTime() - article.publishedAt.getTime() > rules.closeAfterDays * DAY_MS) {
    return 'closed';
  }
  return 'open';
}

/** Post-moderated articles publish first-time commenters at once; moderators remove afterwards. */
export function isPostModerated(article: KnownArticle, rules: CommentingRules): boolean {
  return rules.defaultModeration === 'post' || listed(article, rules.postModeratedArticles);
}

export function describeCommentingState(state: CommentingState): string | null {
  switch (state) {
    case 'open':
      return null;
    case 'unknown':
      return 'the article is not known';
    case 'withdrawn':
      return 'the article has been withdrawn';
    case 'closed':
      return 'comments are closed on this article';
  }
}

function listed(article: KnownArticle, list: readonly string[]): boolean {
  return list.includes(article._id) || (article.slug !== undefined && list.includes(article.slug));
}

import { CommentRecord } from './comment.repository';
import type { CommentStatus, ModerationCheck } from './moderation/pipeline';

/** A comment as readers see it: public fields only. */
export interface PublicComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  /** Sanitised HTML: text and `rel="nofollow ugc"` links only. */
  body: string;
  submittedAt: string;
  featured: boolean;
  repliesCount: number;
  replies: PublicComment[];
}

export interface CommentThreads {
  articleId: string;
  articleSlug: string | null;
  open: boolean;
  sort: string;
  /** Approved comments on the article, replies included. */
  total: number;
  items: PublicComment[];
  nextCursor: string | null;
}

/** A comment as moderators see it: the only view with the email. */
export interface ModeratorComment {
  id: string;
  articleId: string | null;
  articleSlug: string;
  parentId: string | null;
  depth: number;
  authorName: string;
  authorUrl: string | null;
  authorEmail: string;
  body: string;
  status: CommentStatus;
  reason: string;
  checks: ModerationCheck[];
  featured: boolean;
  revision: number;
  submittedAt: string;
  moderatedAt: string;
}

export function toPublicComment(comment: CommentRecord, replies: PublicComment[] = []): PublicComment {
  return {
    id: comment._id,
    parentId: comment.parentId ?? null,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl ?? null,
    body: comment.body,
    submittedAt: comment.submittedAt.toISOString(),
    featured: comment.featured,
    repliesCount: comment.repliesCount,
    replies,
  };
}

export function toModeratorComment(comment: CommentRecord): ModeratorComment {
  return {
    id: comment._id,
    articleId: comment.articleId ?? null,
    articleSlug: comment.articleSlug,
    parentId: comment.parentId ?? null,
    depth: comment.depth,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl ?? null,
    authorEmail: comment.authorEmail,
    body: comment.body,
    status: comment.status,
    reason: comment.reason,
    checks: comment.checks,
    featured: comment.featured,
    revision: comment.revision,
    submittedAt: comment.submittedAt.toISOString(),
    moderatedAt: comment.moderatedAt.toISOString(),
  };
}

/** Nests a page's replies under their top-level comments; each level oldest first. */
export function buildThreads(topLevel: CommentRecord[], replies: CommentRecord[]): PublicComment[] {
  const children = new Map<string, CommentRecord[]>();
  for (const reply of replies) {
    const siblings = children.get(reply.parentId!) ?? [];
    siblings.push(reply);
    children.set(reply.parentId!, siblings);
  }
  const build = (comment: CommentRecord): PublicComment => toPublicComment(comment, (children.get(comment._id) ?? []).map(build));
  return topLevel.map(build);
}

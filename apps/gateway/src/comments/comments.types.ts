/** A published comment as the gateway serves it: public fields only, whatever the upstream sends. */
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

export interface CommentPage {
  /** Whether the article takes new comments. */
  open: boolean;
  /** Approved comments on the article, replies included. */
  total: number;
  items: PublicComment[];
  nextCursor: string | null;
}

export interface AcceptedComment {
  id: string;
  status: 'pending';
}

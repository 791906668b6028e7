/** The feed service's answer, as the gateway passes it on. */
export interface FeedItem {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  dateline: string | null;
  section: string | null;
  tags: string[];
  publishedAt: string;
  url: string;
  /** Published comments on the article. */
  commentCount: number;
}

export interface FeedPage {
  items: FeedItem[];
  nextCursor: string | null;
  total: number;
}

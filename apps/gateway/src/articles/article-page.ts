import { CommentPage } from '../comments/comments.types';
import { FeedItem } from '../feed/feed.types';

/** The article as the article service returns it. */
export interface Article {
  id: string;
  slug: string;
  version: number;
  headline: string;
  body: string;
  bodyFormat: string;
  section: string | null;
  tags: string[];
  byline: string | null;
  dateline: string | null;
  publishedAt: string;
  updatedAt: string;
}

export interface PageWarning {
  part: string;
  code: string;
  message: string;
}

/** Everything a reader's article page needs, in one answer; parts other than the article may be null. */
export interface ArticlePage {
  article: Article;
  latest: FeedItem[] | null;
  /** The first page of comments (oldest first) and the count; null when the comment service is unavailable. */
  comments: CommentPage | null;
  warnings: PageWarning[];
}

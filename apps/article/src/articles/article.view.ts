import { ArticleRecord } from './article.repository';

export interface ArticleView {
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
  source: string;
  sourceId: string;
  publishedAt: string;
  updatedAt: string;
}

export function toArticleView(article: ArticleRecord): ArticleView {
  return {
    id: article._id,
    slug: article.slug,
    version: article.version,
    headline: article.headline,
    body: article.body,
    bodyFormat: article.bodyFormat,
    section: article.section ?? null,
    tags: article.tags,
    byline: article.byline ?? null,
    dateline: article.dateline ?? null,
    source: article.source,
    sourceId: article.sourceId,
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

import { ArticleRecord } from './article.repository';
import { StoredBodyBlock, StoredEntities } from './article.schema';

export interface ArticleView {
  id: string;
  slug: string;
  version: number;
  headline: string;
  standfirst: string | null;
  teaser: string | null;
  body: string;
  bodyFormat: string;
  /** Always present: an article from a plain-text source has one paragraph per blank-line-separated part. */
  blocks: StoredBodyBlock[];
  section: string | null;
  tags: string[];
  byline: string | null;
  dateline: string | null;
  language: string | null;
  entities: StoredEntities | null;
  readingTimeMinutes: number | null;
  canonicalUrl: string | null;
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
    standfirst: article.standfirst ?? null,
    teaser: article.teaser ?? null,
    body: article.body,
    bodyFormat: article.bodyFormat,
    blocks: article.blocks?.length ? article.blocks : paragraphsOf(article.body),
    section: article.section ?? null,
    tags: article.tags,
    byline: article.byline ?? null,
    dateline: article.dateline ?? null,
    language: article.language ?? null,
    entities: article.entities ?? null,
    readingTimeMinutes: article.readingTimeMinutes ?? null,
    canonicalUrl: article.canonicalUrl ?? null,
    source: article.source,
    sourceId: article.sourceId,
    publishedAt: article.publishedAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
  };
}

/** Paragraphs of a plain-text body: parts separated by blank lines, inner line breaks as spaces. */
export function paragraphsOf(body: string): StoredBodyBlock[] {
  return body
    .split(/\n\s*\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .map((text) => ({ type: 'paragraph', text }));
}

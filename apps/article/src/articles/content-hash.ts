import { createHash } from 'node:crypto';

export interface ArticleContent {
  headline: string;
  body: string;
  bodyFormat: string;
  section?: string;
  tags: string[];
  byline?: string;
  dateline?: string;
  publishedAt: Date;
}

/** A fingerprint of everything a reader sees; field order and absent-vs-empty do not matter. */
export function contentHash(content: ArticleContent): string {
  const canonical = JSON.stringify([
    content.headline,
    content.body,
    content.bodyFormat,
    content.section ?? '',
    [...content.tags].sort(),
    content.byline ?? '',
    content.dateline ?? '',
    content.publishedAt.toISOString(),
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

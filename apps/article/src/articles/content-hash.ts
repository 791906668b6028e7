import { createHash } from 'node:crypto';
import type { StoredBodyBlock, StoredEntities } from './article.schema';

export interface ArticleContent {
  headline: string;
  body: string;
  bodyFormat: string;
  section?: string;
  tags: string[];
  byline?: string;
  dateline?: string;
  publishedAt: Date;
  blocks?: StoredBodyBlock[];
  standfirst?: string;
  teaser?: string;
  canonicalUrl?: string;
  language?: string;
  entities?: StoredEntities;
  readingTimeMinutes?: number;
}

/** A fingerprint of everything a reader sees; field order and absent-vs-empty do not matter. */
export function contentHash(content: ArticleContent): string {
  const fields: unknown[] = [
    content.headline,
    content.body,
    content.bodyFormat,
    content.section ?? '',
    [...content.tags].sort(),
    content.byline ?? '',
    content.dateline ?? '',
    content.publishedAt.toISOString(),
  ];
  // Fields added later join the fingerprint only when present, so articles stored before them
  // keep their hash and an identical resubmission still changes nothing.
  const extras = [
    content.blocks?.length ? content.blocks.map(canonicalBlock) : null,
    content.standfirst || null,
    content.teaser || null,
    content.canonicalUrl || null,
    content.language || null,
    content.entities
      ? [content.entities.people, content.entities.places, content.entities.organisations].map((names) => [...names].sort())
      : null,
    content.readingTimeMinutes ?? null,
  ];
  if (extras.some((extra) => extra !== null)) fields.push(extras);
  const canonical = JSON.stringify(fields);
  return createHash('sha256').update(canonical).digest('hex');
}

function canonicalBlock(block: StoredBodyBlock): unknown[] {
  return [
    block.type,
    block.text ?? null,
    block.ordered ?? null,
    block.items ?? null,
    block.cite ?? null,
    block.url ?? null,
    block.caption ?? null,
    block.credit ?? null,
  ];
}

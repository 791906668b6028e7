import { ARTICLE_LIMITS, LANGUAGE_TAG_PATTERN } from '@frontpage/contracts';
import { createHash } from 'node:crypto';
import { ArticleDraft, DraftImage } from '../content/article-draft';
import { plainText } from '../content/sanitize';
import { FeedItem } from './feed-parser';

export interface FeedContext {
  /** The source the entries are published under: the API key's source that registered the feed. */
  owner: string;
  /** Where the feed was fetched from: relative links are resolved against it. */
  feedUrl: string;
  language?: string;
}

export interface MappedEntry {
  /** The entry's identity in its feed (guid / id, else its link). */
  entryId: string;
  draft: ArticleDraft;
  /** Changes whenever anything published from the entry would change. */
  fingerprint: string;
}

export type EntryMapping = { ok: true; entry: MappedEntry } | { ok: false; entryId?: string; reason: string };

/**
 * A feed entry as a draft article, like any other input: full content over the summary, the
 * summary as standfirst when it is more than the opening of the content, authors' names (never
 * their email addresses) as bylines, categories as tags, the link as the canonical URL.
 */
export function mapFeedEntry(item: FeedItem, context: FeedContext): EntryMapping {
  const link = httpUrl(item.link, context.feedUrl);
  const entryId = item.id ?? link;
  if (!entryId) return { ok: false, reason: 'the entry has neither an id (guid) nor a link' };
  const headline = plainText(item.title ?? '');
  if (!headline) return { ok: false, entryId, reason: 'the entry has no title' };
  const body = bodyOf(item);
  if (!body) return { ok: false, entryId, reason: 'the entry has no content, description or summary' };

  const language = context.language?.trim().replace(/^([A-Za-z]+)/, (primary) => primary.toLowerCase());
  const draft: ArticleDraft = {
    source: context.owner,
    sourceId: entryId.length <= ARTICLE_LIMITS.sourceId ? entryId : `sha256:${sha256(entryId)}`,
    headline,
    standfirst: standfirstOf(item),
    bylines: item.authors,
    body,
    images: item.images.flatMap((image): DraftImage[] => {
      const url = httpUrl(image.url, context.feedUrl);
      return url ? [{ url, ...(image.caption ? { caption: image.caption } : {}) }] : [];
    }),
    tags: item.categories.map((tag) => plainText(tag).slice(0, ARTICLE_LIMITS.tag)).filter(Boolean),
    canonicalUrl: link,
    language: language && language.length <= ARTICLE_LIMITS.language && LANGUAGE_TAG_PATTERN.test(language) ? language : undefined,
    publishedAt: isoTime(item.publishedAt),
    updatedAt: isoTime(item.updatedAt),
  };
  // Undefined fields are dropped first, so the fingerprint depends on content only.
  const fingerprint = sha256(JSON.stringify(JSON.parse(JSON.stringify(draft))));
  return { ok: true, entry: { entryId, draft, fingerprint } };
}

function bodyOf(item: FeedItem): ArticleDraft['body'] | undefined {
  if (item.contentHtml && plainText(item.contentHtml)) return { format: 'html', content: item.contentHtml };
  if (item.contentText?.trim()) return { format: 'text', content: item.contentText };
  if (item.summary && plainText(item.summary)) return { format: 'html', content: item.summary };
  return undefined;
}

/** The summary, when there is full content too and the summary is not merely its opening words. */
function standfirstOf(item: FeedItem): string | undefined {
  const content = item.contentHtml ?? item.contentText;
  if (!content || !item.summary) return undefined;
  const summary = plainText(item.summary);
  const opening = summary.replace(/\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)$/, '');
  if (!summary || summary.length > ARTICLE_LIMITS.standfirst || plainText(content).startsWith(opening)) return undefined;
  return summary;
}

function httpUrl(value: string | undefined, base: string): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value, base);
    return /^https?:$/.test(url.protocol) && url.href.length <= ARTICLE_LIMITS.url ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isoTime(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

import Parser from 'rss-parser';
import { FeedKind } from './feed-source.schema';

/** One entry of any feed format, as the mapper needs it. Text fields are as the feed gives them (HTML). */
export interface FeedItem {
  id?: string;
  link?: string;
  title?: string;
  /** Full content: RSS `content:encoded`, Atom `content`, JSON Feed `content_html`. */
  contentHtml?: string;
  /** JSON Feed `content_text`. */
  contentText?: string;
  /** RSS `description`, Atom `summary`, JSON Feed `summary`. */
  summary?: string;
  authors: string[];
  categories: string[];
  publishedAt?: string;
  updatedAt?: string;
  images: { url: string; caption?: string }[];
}

export interface ParsedFeed {
  title?: string;
  language?: string;
  items: FeedItem[];
}

export class FeedParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FeedParseError';
  }
}

type XmlNode = string | { _?: string; $?: Record<string, string>; [child: string]: unknown };

interface CustomItem {
  id?: string;
  updated?: string;
  published?: string;
  'content:encoded'?: string;
  categoryNodes?: XmlNode[];
  authorNodes?: XmlNode[];
  mediaContent?: XmlNode[];
  mediaThumbnail?: XmlNode[];
  description?: string;
}

interface CustomFeed {
  language?: string;
}

/** Parses a feed document of the declared kind. RSS (0.9x, 1.0, 2.0) and Atom are read by rss-parser. */
export async function parseFeed(kind: FeedKind, document: string): Promise<ParsedFeed> {
  if (kind === 'jsonfeed') return parseJsonFeed(document);
  return parseXmlFeed(document);
}

async function parseXmlFeed(document: string): Promise<ParsedFeed> {
  // One parser per document: an xml2js parser keeps state between calls.
  const parser = new Parser<CustomFeed, CustomItem>({
    customFields: {
      feed: ['language'],
      item: [
        'updated',
        'published',
        ['category', 'categoryNodes', { keepArray: true }],
        ['author', 'authorNodes', { keepArray: true }],
        ['media:content', 'mediaContent', { keepArray: true }],
        ['media:thumbnail', 'mediaThumbnail', { keepArray: true }],
      ],
    },
  });
  let output: Parser.Output<CustomItem> & CustomFeed;
  try {
    output = await parser.parseString(document);
  } catch (error) {
    throw new FeedParseError(`not a readable RSS or Atom feed: ${firstLine((error as Error).message)}`);
  }
  const atom = /^(?:[\w.-]+:)?feed$/.test(rootElementOf(document));
  return {
    title: textOf(output.title),
    language: textOf(output.language),
    items: output.items.map((item) => {
      const encoded = textOf(item['content:encoded']);
      return {
        id: textOf(item.guid) ?? textOf(item.id),
        link: textOf(item.link),
        title: textOf(item.title),
        contentHtml: atom ? textOf(item.content) : encoded,
        summary: atom ? textOf(item.summary) : textOf(item.content),
        authors: authorsOf(item),
        categories: categoriesOf(item),
        publishedAt: atom ? (textOf(item.published) ?? textOf(item.updated)) : textOf(item.isoDate),
        updatedAt: atom ? textOf(item.updated) : undefined,
        images: imagesOf(item),
      };
    }),
  };
}

function authorsOf(item: Parser.Item & CustomItem): string[] {
  const fromNodes = (item.authorNodes ?? []).map((node) => (typeof node === 'string' ? node : textOf(firstOf(node.name))));
  const names = [textOf(item.creator), ...fromNodes].map((author) => (author ? personName(author) : undefined)).filter(isText);
  return [...new Set(names)];
}

/** RSS `author` is an email, often with the name in brackets: keep the name, never the address. */
export function personName(author: string): string | undefined {
  const text = author.trim();
  const bracketed = /\(([^)]+)\)\s*$/.exec(text)?.[1]?.trim();
  if (bracketed) return bracketed;
  if (/^\S+@\S+$/.test(text)) return undefined;
  return text.replace(/\s*<[^>]*@[^>]*>\s*/g, ' ').trim() || undefined;
}

function categoriesOf(item: Parser.Item & CustomItem): string[] {
  const nodes = item.categoryNodes ?? [];
  const terms = nodes.map((node) => (typeof node === 'string' ? node : (node._ ?? node.$?.label ?? node.$?.term)));
  return [...new Set(terms.map((term) => term?.trim()).filter(isText))];
}

function imagesOf(item: Parser.Item & CustomItem): FeedItem['images'] {
  const images: FeedItem['images'] = [];
  if (item.enclosure?.url && (item.enclosure.type ?? '').startsWith('image/')) images.push({ url: item.enclosure.url });
  for (const node of item.mediaContent ?? []) {
    if (typeof node === 'string' || !node.$?.url) continue;
    const isImage = node.$.medium === 'image' || (node.$.type ?? '').startsWith('image/');
    if (isImage)
      images.push({ url: node.$.url, caption: textOf(firstOf(node['media:description'])) ?? textOf(firstOf(node['media:title'])) });
  }
  if (images.length === 0) {
    const thumbnail = item.mediaThumbnail?.[0];
    if (thumbnail && typeof thumbnail !== 'string' && thumbnail.$?.url) images.push({ url: thumbnail.$.url });
  }
  return images;
}

interface JsonFeedAuthor {
  name?: unknown;
}

interface JsonFeedItem {
  id?: unknown;
  url?: unknown;
  title?: unknown;
  content_html?: unknown;
  content_text?: unknown;
  summary?: unknown;
  date_published?: unknown;
  date_modified?: unknown;
  authors?: unknown;
  author?: unknown;
  tags?: unknown;
  image?: unknown;
  language?: unknown;
}

/** JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1). */
function parseJsonFeed(document: string): ParsedFeed {
  let feed: unknown;
  try {
    feed = JSON.parse(document);
  } catch (error) {
    throw new FeedParseError(`not a readable JSON Feed: ${firstLine((error as Error).message)}`);
  }
  if (!isObject(feed) || typeof feed.version !== 'string' || !/^https?:\/\/jsonfeed\.org\/version\/1/.test(feed.version)) {
    throw new FeedParseError('not a JSON Feed: "version" must be https://jsonfeed.org/version/1 or /1.1');
  }
  if (!Array.isArray(feed.items)) throw new FeedParseError('not a JSON Feed: "items" must be an array');
  const feedAuthors = jsonAuthors(feed.authors ?? (feed.author ? [feed.author] : []));
  return {
    title: stringOf(feed.title),
    language: stringOf(feed.language),
    items: (feed.items as unknown[]).filter(isObject).map((raw) => {
      const item = raw as JsonFeedItem;
      const authors = jsonAuthors(item.authors ?? (item.author ? [item.author] : []));
      return {
        id: typeof item.id === 'number' ? String(item.id) : stringOf(item.id),
        link: stringOf(item.url),
        title: stringOf(item.title),
        contentHtml: stringOf(item.content_html),
        contentText: stringOf(item.content_text),
        summary: stringOf(item.summary),
        authors: authors.length > 0 ? authors : feedAuthors,
        categories: Array.isArray(item.tags) ? item.tags.map(stringOf).filter(isText) : [],
        publishedAt: stringOf(item.date_published),
        updatedAt: stringOf(item.date_modified),
        images: stringOf(item.image) ? [{ url: stringOf(item.image)! }] : [],
      };
    }),
  };
}

function jsonAuthors(authors: unknown): string[] {
  if (!Array.isArray(authors)) return [];
  return authors.map((author: JsonFeedAuthor) => (isObject(author) ? stringOf(author.name) : undefined)).filter(isText);
}

function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() || undefined;
  if (isObject(value) && typeof value._ === 'string') return value._.trim() || undefined;
  return undefined;
}

function firstOf(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isText(value: string | undefined): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** The document element's name, past the prolog, comments and doctype. */
function rootElementOf(document: string): string {
  const start = document.slice(0, 8192).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<![^>]*>/g, '');
  return /<([A-Za-z_][\w:.-]*)/.exec(start)?.[1] ?? '';
}

function firstLine(message: string): string {
  return message.split('\n')[0].slice(0, 200);
}

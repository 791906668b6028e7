import { FeedItem } from '../feed/feed.types';

export interface Channel {
  title: string;
  description: string;
  /** The HTML page this feed follows. */
  homePageUrl: string;
  /** This feed's own address. */
  feedUrl: string;
  /** The JSON Feed's address, or the RSS's, for the other format. */
  language: string;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text for XML content and attributes; characters XML 1.0 forbids (most C0 controls) are dropped. */
export function escapeXml(value: string): string {
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (char) => XML_ESCAPES[char]);
}

export function articleUrl(baseUrl: string, slug: string): string {
  return new URL(`/articles/${encodeURIComponent(slug)}`, baseUrl).toString();
}

/** RSS 2.0 with an atom:link to itself, as validators ask. */
export function rss(channel: Channel, items: FeedItem[], baseUrl: string): string {
  const newest = items[0]?.publishedAt;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    `<title>${escapeXml(channel.title)}</title>`,
    `<link>${escapeXml(channel.homePageUrl)}</link>`,
    `<description>${escapeXml(channel.description)}</description>`,
    `<language>${escapeXml(channel.language)}</language>`,
    `<atom:link href="${escapeXml(channel.feedUrl)}" rel="self" type="application/rss+xml"/>`,
    ...(newest ? [`<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>`] : []),
  ];
  for (const item of items) {
    const link = articleUrl(baseUrl, item.slug);
    lines.push(
      '<item>',
      `<title>${escapeXml(item.headline)}</title>`,
      `<link>${escapeXml(link)}</link>`,
      `<guid isPermaLink="false">${escapeXml(item.id)}</guid>`,
      `<pubDate>${new Date(item.publishedAt).toUTCString()}</pubDate>`,
      `<description>${escapeXml([item.dateline, item.teaser].filter(Boolean).join(' '))}</description>`,
      ...[item.section, ...item.tags].filter((c): c is string => !!c).map((category) => `<category>${escapeXml(category)}</category>`),
      '</item>',
    );
  }
  lines.push('</channel>', '</rss>');
  return `${lines.join('\n')}\n`;
}

export interface JsonFeed {
  version: 'https://jsonfeed.org/version/1.1';
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  language: string;
  items: {
    id: string;
    url: string;
    title: string;
    content_text: string;
    summary: string;
    date_published: string;
    tags?: string[];
  }[];
}

/** JSON Feed 1.1: every item has an id and content_text; plain text only, so nothing needs escaping beyond JSON. */
export function jsonFeed(channel: Channel, items: FeedItem[], baseUrl: string): JsonFeed {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: channel.homePageUrl,
    feed_url: channel.feedUrl,
    description: channel.description,
    language: channel.language,
    items: items.map((item) => {
      const tags = [item.section, ...item.tags].filter((tag): tag is string => !!tag);
      return {
        id: item.id,
        url: articleUrl(baseUrl, item.slug),
        title: item.headline,
        content_text: [item.dateline, item.teaser].filter(Boolean).join(' '),
        summary: item.teaser,
        date_published: item.publishedAt,
        ...(tags.length ? { tags } : {}),
      };
    }),
  };
}

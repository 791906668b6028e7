import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { FeedItem } from '../feed/feed.types';
import { escapeXml, jsonFeed, rss } from './syndication';

const item = (overrides: Partial<FeedItem> = {}): FeedItem => ({
  id: '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f',
  slug: 'storm-hits',
  headline: 'Storm <hits> "coast" & town',
  teaser: "Winds of 120 km/h & rising; it's bad.",
  dateline: 'LISBON -',
  section: 'europe',
  tags: ['weather'],
  publishedAt: '2026-03-05T10:20:30.000Z',
  url: 'http://x/v1/articles/storm-hits',
  commentCount: 0,
  ...overrides,
});

const channel = {
  title: 'Frontpage & co',
  description: 'Latest',
  homePageUrl: 'https://news.example/',
  feedUrl: 'https://news.example/feed.xml',
  language: 'en',
};

describe('syndication', () => {
  it('escapes XML and drops characters XML forbids', () => {
    expect(escapeXml(`<a href="x">&'\u0001`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&apos;');
  });

  it('writes well-formed RSS 2.0 whose values read back exactly', () => {
    const xml = rss(channel, [item(), item({ id: 'b', slug: 'second', headline: 'Second ]]> story' })], 'https://news.example');
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(xml);
    expect(parsed.rss['@_version']).toBe('2.0');
    const first = parsed.rss.channel.item[0];
    expect(parsed.rss.channel.title).toBe('Frontpage & co');
    expect(first.title).toBe('Storm <hits> "coast" & town');
    expect(first.link).toBe('https://news.example/articles/storm-hits');
    expect(first.pubDate).toBe('Thu, 05 Mar 2026 10:20:30 GMT');
    expect(first.category).toEqual(['europe', 'weather']);
    expect(parsed.rss.channel.item[1].title).toBe('Second ]]> story');
  });

  it('writes JSON Feed 1.1 with the required fields', () => {
    const feed = jsonFeed(channel, [item()], 'https://news.example');
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe(channel.title);
    expect(feed.items[0]).toMatchObject({
      id: item().id,
      url: 'https://news.example/articles/storm-hits',
      title: item().headline,
      content_text: `LISBON - ${item().teaser}`,
      date_published: '2026-03-05T10:20:30.000Z',
      tags: ['europe', 'weather'],
    });
  });
});

import { FeedParseError, parseFeed, personName } from './feed-parser';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:media="http://search.yahoo.com/mrss/">
  <channel>
    <title>Example Wire</title>
    <link>https://wire.example/</link>
    <language>en-us</language>
    <item>
      <title>Harbour bill passes</title>
      <link>https://wire.example/harbour</link>
      <guid isPermaLink="false">wire-123</guid>
      <pubDate>Tue, 03 Mar 2026 10:00:00 GMT</pubDate>
      <dc:creator>Ann Lee</dc:creator>
      <author>desk@wire.example (Bo Chan)</author>
      <category>Politics</category>
      <category domain="https://wire.example/tags">Harbours</category>
      <description>A short summary.</description>
      <content:encoded><![CDATA[<p>WASHINGTON (Reuters) - The Senate passed it.</p>]]></content:encoded>
      <enclosure url="https://img.example/harbour.jpg" type="image/jpeg" length="100"/>
      <media:content url="https://img.example/video.mp4" type="video/mp4"/>
    </item>
    <item>
      <title>Only a description</title>
      <link>https://wire.example/short</link>
      <description>&lt;p&gt;Escaped &lt;b&gt;HTML&lt;/b&gt;.&lt;/p&gt;</description>
    </item>
  </channel>
</rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<!-- a comment before the root -->
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="fr">
  <title>Atom Wire</title>
  <id>urn:uuid:feed</id>
  <updated>2026-03-04T10:00:00Z</updated>
  <entry>
    <title type="html">Le port &amp;amp; la ville</title>
    <id>urn:uuid:entry-1</id>
    <link rel="alternate" href="https://atom.example/port"/>
    <link rel="enclosure" href="https://atom.example/port.mp3"/>
    <published>2026-03-04T08:00:00Z</published>
    <updated>2026-03-04T09:30:00+01:00</updated>
    <author><name>Claire Dubois</name><email>claire@atom.example</email></author>
    <author><name>Jean Martin</name></author>
    <category term="europe" label="Europe"/>
    <category term="ports"/>
    <summary>Un résumé.</summary>
    <content type="html">&lt;p&gt;PARIS - Le port rouvre.&lt;/p&gt;</content>
  </entry>
</feed>`;

const JSON_FEED = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'JSON Wire',
  language: 'en',
  authors: [{ name: 'Feed Desk' }],
  items: [
    {
      id: 'json-1',
      url: 'https://json.example/1',
      title: 'First',
      content_html: '<p>Body one.</p>',
      summary: 'Summary one.',
      date_published: '2026-03-05T10:00:00Z',
      date_modified: '2026-03-05T11:00:00Z',
      tags: ['a', 'b'],
      image: 'https://json.example/1.jpg',
      authors: [{ name: 'Dan Poe' }],
    },
    { id: 2, title: 'Second', content_text: 'Plain body.' },
    'not an item',
  ],
});

describe('parseFeed', () => {
  it('reads RSS 2.0 with content:encoded, dc:creator, categories and an image enclosure', async () => {
    const feed = await parseFeed('rss', RSS);
    expect(feed.language).toBe('en-us');
    expect(feed.items).toHaveLength(2);
    expect(feed.items[0]).toEqual({
      id: 'wire-123',
      link: 'https://wire.example/harbour',
      title: 'Harbour bill passes',
      contentHtml: '<p>WASHINGTON (Reuters) - The Senate passed it.</p>',
      summary: 'A short summary.',
      authors: ['Ann Lee', 'Bo Chan'],
      categories: ['Politics', 'Harbours'],
      publishedAt: '2026-03-03T10:00:00.000Z',
      updatedAt: undefined,
      images: [{ url: 'https://img.example/harbour.jpg' }],
    });
    expect(feed.items[1]).toMatchObject({ id: undefined, contentHtml: undefined, summary: '<p>Escaped <b>HTML</b>.</p>' });
  });

  it('reads Atom with content over summary, every author, categories and both dates', async () => {
    const feed = await parseFeed('atom', ATOM);
    expect(feed.items).toEqual([
      {
        id: 'urn:uuid:entry-1',
        link: 'https://atom.example/port',
        title: 'Le port &amp; la ville',
        contentHtml: '<p>PARIS - Le port rouvre.</p>',
        summary: 'Un résumé.',
        authors: ['Claire Dubois', 'Jean Martin'],
        categories: ['Europe', 'ports'],
        publishedAt: '2026-03-04T08:00:00Z',
        updatedAt: '2026-03-04T09:30:00+01:00',
        images: [],
      },
    ]);
  });

  it('reads JSON Feed 1.1: content_html, content_text, authors (falling back to the feed), tags, image', async () => {
    const feed = await parseFeed('jsonfeed', JSON_FEED);
    expect(feed.language).toBe('en');
    expect(feed.items).toEqual([
      {
        id: 'json-1',
        link: 'https://json.example/1',
        title: 'First',
        contentHtml: '<p>Body one.</p>',
        contentText: undefined,
        summary: 'Summary one.',
        authors: ['Dan Poe'],
        categories: ['a', 'b'],
        publishedAt: '2026-03-05T10:00:00Z',
        updatedAt: '2026-03-05T11:00:00Z',
        images: [{ url: 'https://json.example/1.jpg' }],
      },
      expect.objectContaining({ id: '2', title: 'Second', contentText: 'Plain body.', authors: ['Feed Desk'], categories: [] }),
    ]);
  });

  it('refuses documents that are not feeds of the declared kind, with a reason', async () => {
    await expect(parseFeed('rss', '<html><body>Not a feed</body></html>')).rejects.toThrow(FeedParseError);
    await expect(parseFeed('rss', 'garbage <<<')).rejects.toThrow(/not a readable RSS or Atom feed/);
    await expect(parseFeed('jsonfeed', '{"items": []}')).rejects.toThrow(/version/);
    await expect(parseFeed('jsonfeed', RSS)).rejects.toThrow(/not a readable JSON Feed/);
    await expect(parseFeed('jsonfeed', '{"version":"https://jsonfeed.org/version/1.1","items":{}}')).rejects.toThrow(/items/);
  });
});

describe('personName', () => {
  it('keeps the name and never the email address', () => {
    expect(personName('desk@wire.example (Bo Chan)')).toBe('Bo Chan');
    expect(personName('desk@wire.example')).toBeUndefined();
    expect(personName('Ann Lee <ann@wire.example>')).toBe('Ann Lee');
    expect(personName('Ann Lee')).toBe('Ann Lee');
  });
});

import { mapFeedEntry } from './feed-entry.mapper';
import { FeedItem } from './feed-parser';

const context = { owner: 'wire', feedUrl: 'https://wire.example/feeds/world.xml', language: 'EN-gb' };

function anItem(overrides: Partial<FeedItem> = {}): FeedItem {
  return {
    id: 'wire-1',
    link: '/world/harbour',
    title: 'Harbour &amp; bridge',
    contentHtml: '<p>WASHINGTON (Reuters) - The Senate passed the bill.</p>',
    summary: 'Lawmakers back the harbour plan.',
    authors: ['Ann Lee'],
    categories: ['Politics', '<b>Ports</b>'],
    publishedAt: 'Tue, 03 Mar 2026 10:00:00 GMT',
    updatedAt: '2026-03-03T12:00:00+01:00',
    images: [{ url: '/img/harbour.jpg', caption: 'The harbour' }, { url: 'ftp://img.example/x.jpg' }],
    ...overrides,
  };
}

describe('mapFeedEntry', () => {
  it('maps an entry to a draft: full content, summary as standfirst, absolute links, ISO times', () => {
    const mapping = mapFeedEntry(anItem(), context);
    expect(mapping.ok).toBe(true);
    if (!mapping.ok) return;
    expect(mapping.entry.entryId).toBe('wire-1');
    expect(mapping.entry.draft).toEqual({
      source: 'wire',
      sourceId: 'wire-1',
      headline: 'Harbour & bridge',
      standfirst: 'Lawmakers back the harbour plan.',
      bylines: ['Ann Lee'],
      body: { format: 'html', content: '<p>WASHINGTON (Reuters) - The Senate passed the bill.</p>' },
      images: [{ url: 'https://wire.example/img/harbour.jpg', caption: 'The harbour' }],
      tags: ['Politics', 'Ports'],
      canonicalUrl: 'https://wire.example/world/harbour',
      language: 'en-gb',
      publishedAt: '2026-03-03T10:00:00.000Z',
      updatedAt: '2026-03-03T11:00:00.000Z',
    });
  });

  it('uses the summary as the body when there is no full content, and then has no standfirst', () => {
    const mapping = mapFeedEntry(anItem({ contentHtml: undefined, summary: '<p>Only this.</p>' }), context);
    expect(mapping).toMatchObject({
      ok: true,
      entry: { draft: { body: { format: 'html', content: '<p>Only this.</p>' }, standfirst: undefined } },
    });
    const text = mapFeedEntry(anItem({ contentHtml: undefined, contentText: 'Plain.', summary: undefined }), context);
    expect(text).toMatchObject({ ok: true, entry: { draft: { body: { format: 'text', content: 'Plain.' } } } });
  });

  it('drops a summary that only repeats the opening of the content', () => {
    const mapping = mapFeedEntry(anItem({ summary: 'WASHINGTON (Reuters) - The Senate [&#8230;]'.replace('&#8230;', '…') }), context);
    expect(mapping).toMatchObject({ ok: true, entry: { draft: { standfirst: undefined } } });
  });

  it('falls back to the link as the identity, and hashes identities too long to be a sourceId', () => {
    expect(mapFeedEntry(anItem({ id: undefined }), context)).toMatchObject({
      ok: true,
      entry: { entryId: 'https://wire.example/world/harbour' },
    });
    const long = 'x'.repeat(300);
    expect(mapFeedEntry(anItem({ id: long }), context)).toMatchObject({
      ok: true,
      entry: { entryId: long, draft: { sourceId: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) } },
    });
  });

  it('refuses entries without identity, title or content, with a reason', () => {
    expect(mapFeedEntry(anItem({ id: undefined, link: undefined }), context)).toEqual({ ok: false, reason: expect.stringMatching(/id/) });
    expect(mapFeedEntry(anItem({ title: '<b> </b>' }), context)).toEqual({
      ok: false,
      entryId: 'wire-1',
      reason: 'the entry has no title',
    });
    expect(mapFeedEntry(anItem({ contentHtml: '<p> </p>', summary: undefined }), context)).toMatchObject({ ok: false, entryId: 'wire-1' });
  });

  it('gives the same fingerprint to the same entry and a new one when anything published changes', () => {
    const fingerprint = (item: FeedItem) => {
      const mapping = mapFeedEntry(item, context);
      if (!mapping.ok) throw new Error(mapping.reason);
      return mapping.entry.fingerprint;
    };
    expect(fingerprint(anItem())).toBe(fingerprint(anItem()));
    expect(fingerprint(anItem({ contentHtml: '<p>Changed.</p>' }))).not.toBe(fingerprint(anItem()));
    expect(fingerprint(anItem({ title: 'New title' }))).not.toBe(fingerprint(anItem()));
    expect(fingerprint(anItem({ updatedAt: undefined }))).not.toBe(fingerprint(anItem()));
  });

  it('ignores a feed language that is not a language tag', () => {
    expect(mapFeedEntry(anItem(), { ...context, language: 'English' })).toMatchObject({
      ok: true,
      entry: { draft: { language: undefined } },
    });
  });
});

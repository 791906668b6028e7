import { ArticleRecord } from './article.repository';
import { paragraphsOf, toArticleView } from './article.view';

const stored: ArticleRecord = {
  _id: '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f',
  slug: 'storm-hits-the-coast',
  source: 'wire',
  sourceId: 'storm-1',
  version: 1,
  announcedVersion: 1,
  contentHash: 'x',
  status: 'published',
  headline: 'Storm hits the coast',
  body: 'First paragraph,\nwrapped.\n\n  Second paragraph.  \n\n\n',
  bodyFormat: 'text',
  tags: [],
  publishedAt: new Date('2026-01-01T10:00:00.000Z'),
  sourceUpdatedAt: new Date('2026-01-01T10:00:00.000Z'),
  createdAt: new Date('2026-01-01T10:00:00.000Z'),
  updatedAt: new Date('2026-01-01T10:00:00.000Z'),
};

describe('toArticleView', () => {
  it('derives paragraph blocks from a plain-text body split on blank lines', () => {
    expect(toArticleView(stored).blocks).toEqual([
      { type: 'paragraph', text: 'First paragraph, wrapped.' },
      { type: 'paragraph', text: 'Second paragraph.' },
    ]);
  });

  it('serves the stored blocks when the source gave structure, and nulls for absent optional fields', () => {
    const blocks = [
      { type: 'heading' as const, text: 'The news:' },
      { type: 'list' as const, ordered: false, items: ['one', 'two'] },
    ];
    const view = toArticleView({ ...stored, blocks, language: 'en' });
    expect(view.blocks).toEqual(blocks);
    expect(view).toMatchObject({ language: 'en', standfirst: null, entities: null, canonicalUrl: null, readingTimeMinutes: null });
  });

  it('gives no blocks for a blank body', () => {
    expect(paragraphsOf(' \n\n ')).toEqual([]);
  });
});

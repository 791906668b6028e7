import type { ArticlePublishedData } from '@frontpage/contracts';

/** A valid `ArticlePublished` snapshot for tests that need one on `news.articles.v1`, with `overrides` on top. */
export function anArticleSnapshot(id: string, overrides: Partial<ArticlePublishedData> = {}): ArticlePublishedData {
  return {
    id,
    slug: `story-${id.slice(0, 8)}`,
    version: 1,
    source: 'wire',
    sourceId: id,
    headline: 'Harbour bridge reopens',
    body: 'The bridge reopened on Monday.',
    section: 'europe',
    tags: ['transport'],
    publishedAt: '2024-03-05T10:20:30.000Z',
    updatedAt: '2024-03-05T10:20:30.000Z',
    ...overrides,
  };
}

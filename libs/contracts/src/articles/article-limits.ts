/** Field limits shared by ingest's request validation and every consumer of article events. */
export const ARTICLE_LIMITS = {
  source: 64,
  sourceId: 256,
  headline: 300,
  body: 200_000,
  section: 64,
  tags: 50,
  tag: 64,
  byline: 200,
  dateline: 120,
  slug: 200,
} as const;

import { TEST_INGEST_KEY, TEST_SOURCE, postJson } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';

export interface SubmittedArticle {
  headline: string;
  body: string;
  source: string;
  sourceId: string;
  [field: string]: unknown;
}

export function anArticle(overrides: Partial<SubmittedArticle> = {}): SubmittedArticle {
  const sourceId = overrides.sourceId ?? randomUUID();
  return {
    headline: `Union Health Ministry reports new infections ${sourceId.slice(0, 8)}`,
    body:
      'According to data updated on Thursday by the Union Health Ministry, 4,272 new instances of infections have been ' +
      'registered throughout the country. Officials urged caution ahead of the festive season.',
    dateline: 'New Delhi, Sept 29-',
    section: 'world',
    tags: ['health', 'india'],
    byline: 'Staff Reporter',
    source: TEST_SOURCE,
    sourceId,
    ...overrides,
  };
}

export function submit(ingestUrl: string, article: unknown, key = TEST_INGEST_KEY, headers: Record<string, string> = {}) {
  return postJson<{ id: string; status: string }>(`${ingestUrl}/v1/articles`, article, { authorization: `Bearer ${key}`, ...headers });
}

import { BodyFormat } from '@frontpage/contracts';
import { BodyBlock } from './body-block';
import { Entities } from './entities';

export interface DraftImage {
  url: string;
  caption?: string;
  credit?: string;
}

/**
 * An article as any input (native JSON, ninjs, a page) gives it, before normalisation: the body is
 * either raw content in a format, or blocks already extracted.
 */
export interface ArticleDraft {
  source: string;
  sourceId: string;
  headline: string;
  standfirst?: string;
  bylines: string[];
  dateline?: string;
  /** Where the story was filed (ninjs `located`): the dateline when the body opens without one. */
  located?: string;
  body: { format: BodyFormat; content: string } | { format: BodyFormat; blocks: BodyBlock[] };
  images: DraftImage[];
  section?: string;
  tags: string[];
  entities?: Partial<Entities>;
  canonicalUrl?: string;
  language?: string;
  publishedAt?: string;
  updatedAt?: string;
}

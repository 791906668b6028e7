import { BodyBlock } from '../content/body-block';

/** What an extractor found on a page: the story only, none of the site around it. */
export interface ExtractedPage {
  headline: string;
  byline?: string;
  publishedAt?: string;
  dateline?: string;
  standfirst?: string;
  language?: string;
  canonicalUrl?: string;
  blocks: BodyBlock[];
}

/** A page too thin to be a story: fewer words than this in its body. */
export const MIN_STORY_WORDS = 40;

import { cleanText } from './body-block';

export const TEASER_LENGTH = 240;

/** A plain-text teaser: the standfirst, else the opening text, cut at a word with an ellipsis. */
export function teaserOf(standfirst: string | undefined, body: string, length = TEASER_LENGTH): string | undefined {
  const text = cleanText(standfirst || body);
  if (!text) return undefined;
  if (text.length <= length) return text;
  const cut = text.slice(0, length);
  const lastSpace = cut.lastIndexOf(' ');
  return `${(lastSpace > length / 2 ? cut.slice(0, lastSpace) : cut).replace(/[\s,;:.—–-]+$/, '')}…`;
}

/** Minutes to read at about 230 words a minute, never less than one. */
export function readingTimeMinutes(text: string): number {
  const words = text.split(/\s+/).filter(Boolean).length;
  return Math.max(1, Math.round(words / 230));
}

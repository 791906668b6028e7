export const DEFAULT_TEASER_LENGTH = 200;

/**
 * The opening of the body as one line of plain text, cut at a word boundary with `...` when it
 * does not fit, the way news sites show teasers under a headline.
 */
export function teaserOf(body: string, maxLength = DEFAULT_TEASER_LENGTH): string {
  const text = body.replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const window = text.slice(0, maxLength + 1);
  const lastSpace = window.lastIndexOf(' ');
  const cut = lastSpace > maxLength / 2 ? window.slice(0, lastSpace) : withoutBrokenSurrogate(text.slice(0, maxLength));
  return `${cut.replace(/[\s,;:.\-–—]+$/u, '')}...`;
}

/** A hard cut may split an astral character (an emoji) in two; drop the orphaned half. */
function withoutBrokenSurrogate(text: string): string {
  return /[\uD800-\uDBFF]$/.test(text) ? text.slice(0, -1) : text;
}

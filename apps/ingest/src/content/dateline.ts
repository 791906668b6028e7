const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';
const WORD = "[A-Z][\\p{L}.'’]*";
const PLACE = `${WORD}(?:[ -](?:(?:de|da|del|la|le|al|el|of)[ -])?${WORD}){0,3}`;
const DATE = `(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})(?:,?\\s+\\d{4})?`;
const AGENCY = '\\([\\p{L}][\\p{L} .&/-]{0,30}\\)';
const DATELINE = new RegExp(`^((${PLACE})(?:,\\s*${PLACE})?(,?\\s*${DATE})?(\\s*${AGENCY})?)\\s*[-–—]{1,2}\\s*(?=\\S)`, 'u');

/**
 * Splits a leading dateline off a paragraph: `New Delhi, Sept 29- According…`, `WASHINGTON (Reuters) -
 * The…`, `PARIS, March 3 (AP) — …`. To tell a dateline from a sentence with a dash, it must be a
 * place in capitals, or a place with a date or an agency.
 */
export function splitDateline(paragraph: string): { dateline: string; rest: string } | undefined {
  const match = DATELINE.exec(paragraph);
  if (!match || match[1].length > 80) return undefined;
  const [whole, , place, date, agency] = match;
  const capitals = place === place.toUpperCase() && /\p{Lu}{2}/u.test(place);
  if (!capitals && !date && !agency) return undefined;
  const rest = paragraph.slice(whole.length).trim();
  if (!rest) return undefined;
  return { dateline: whole.trim(), rest };
}

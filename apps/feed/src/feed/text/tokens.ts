import stemmer from 'stemmer';

/**
 * English words too common to say anything about a story. Dropped from the search index and from
 * queries, so "what is the news on the harbour" searches for "news" and "harbour".
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  (
    'a about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers herself him ' +
    'himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other ' +
    'our ours ourselves out over own same she should so some such than that the their theirs them themselves then there ' +
    'these they this those through to too under until up very was we were what when where which while who whom why will ' +
    'with would you your yours yourself yourselves said says also'
  ).split(' '),
);

const MAX_TOKEN_LENGTH = 40;

/** Lower case, accents removed, split on anything that is not a letter or a digit. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0);
}

/**
 * The search terms of a text: words without stop words, stemmed (Porter), so "elections",
 * "elected" and "election" meet. Single letters carry no meaning; over-long runs are noise.
 */
export function searchTerms(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (word.length < 2 || word.length > MAX_TOKEN_LENGTH || STOP_WORDS.has(word)) continue;
    terms.push(/^\p{N}+$/u.test(word) ? word : stemmer(word));
  }
  return terms;
}

/** Distinct search terms, in order of first appearance. */
export function distinctSearchTerms(text: string): string[] {
  return [...new Set(searchTerms(text))];
}

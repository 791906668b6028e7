import nlp from 'compromise';

export interface Entities {
  people: string[];
  places: string[];
  organisations: string[];
}

const MAX_PER_KIND = 50;
/** Titles are not part of a name: "President Joe Biden" and "Joe Biden" are one person. */
const TITLE =
  /^(?:(?:president|vice president|prime minister|minister|senator|sen\.|governor|gov\.|mayor|judge|justice|king|queen|prince|princess|pope|general|gen\.|rep\.|representative|chancellor|secretary|dr\.?|mr\.?|mrs\.?|ms\.?|sir|dame|professor|prof\.)\s+)+/i;

/**
 * People, places and organisations named in English text. compromise tags English only, so other
 * languages keep just what the source gave.
 */
export function extractEntities(text: string, language: string | undefined): Entities {
  if (language && language !== 'en') return { people: [], places: [], organisations: [] };
  const doc = nlp(text.slice(0, 50_000));
  const names = (view: { out(format: 'array'): string[] }) => view.out('array').map(tidy);
  return {
    people: names(doc.people()).map((name) => name.replace(TITLE, '')),
    places: names(doc.places()),
    organisations: names(doc.organizations()),
  };
}

/** The source's own entities first, then those found; each name once (any case), at most 50 a kind. */
export function mergeEntities(...sets: (Partial<Entities> | undefined)[]): Entities {
  const merge = (kind: keyof Entities) => {
    const seen = new Map<string, string>();
    for (const name of sets.flatMap((set) => set?.[kind] ?? [])) {
      const clean = tidy(name);
      if (clean.length >= 2 && !seen.has(clean.toLowerCase())) seen.set(clean.toLowerCase(), clean);
    }
    return [...seen.values()].slice(0, MAX_PER_KIND);
  };
  return { people: merge('people'), places: merge('places'), organisations: merge('organisations') };
}

function tidy(name: string): string {
  const clean = name
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/[’']s$/i, '')
    .trim();
  // Keep the final dot of an abbreviation such as "U.S.".
  return (/(?:^|\P{L})\p{Lu}\.\p{Lu}$/u.test(clean) ? `${clean}.` : clean).slice(0, 120);
}

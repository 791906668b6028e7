import {
  decodeSignature,
  encodeSignature,
  estimatedJaccard,
  MINHASH_BANDS,
  MINHASH_SIZE,
  minhashBandKeys,
  minhashSignature,
  NEAR_DUPLICATE_JACCARD,
} from './minhash';
import { hammingDistance, NEAR_DUPLICATE_DISTANCE, simhash, simhashBands } from './simhash';

/** A small deterministic generator (mulberry32), so the corpus is the same on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]) => items[int(items.length)];
  return { next, int, pick };
}

/**
 * Phrases a topic's stories are written from: two stories on one topic by different writers share
 * many of them (and so many words and some three-word shingles), as real coverage of one event does.
 */
const TOPICS: Record<string, string[]> = {
  health: [
    'the health ministry said',
    'new infections were registered',
    'across the country',
    'on thursday',
    'officials urged caution',
    'ahead of the festive season',
    'hospitals reported fewer admissions',
    'the number of active cases',
    'had fallen for the third week',
    'vaccination continued in every state',
    'experts cautioned that testing had fallen',
    'the real number could be higher',
    'people were advised to wear masks',
    'booster doses are free',
    'at government centres',
    'according to data released',
    'in the capital',
    'doctors said',
    'the outbreak',
    'the ministry added',
    'in a statement',
    'local authorities',
  ],
  transport: [
    'the harbour bridge reopened',
    'after two years of repairs',
    'the city council said',
    'commuters welcomed the news',
    'cyclists complained',
    'the new lanes were narrower',
    'the final cost was over budget',
    'because of steel prices',
    'delays caused by storms',
    'the transport minister said',
    'rail services resumed',
    'on monday morning',
    'passengers faced long delays',
    'the operator apologised',
    'trains will run every ten minutes',
    'in a statement',
    'unions warned of strikes',
    'fares will rise next year',
    'the airport said',
    'flights were cancelled',
    'local authorities',
  ],
  markets: [
    'shares rose sharply',
    'the central bank said',
    'interest rates were left unchanged',
    'inflation slowed',
    'investors welcomed the decision',
    'the currency fell',
    'against the dollar',
    'oil prices climbed',
    'on wednesday',
    'analysts expected',
    'a cut later this year',
    'the stock exchange closed higher',
    'bond yields fell',
    'the finance minister said',
    'growth was weaker than forecast',
    'in the third quarter',
    'exports rose',
    'consumer spending slowed',
    'in a statement',
    'according to data released',
    'banks led the gains',
  ],
  weather: [
    'heavy rain fell',
    'across the region',
    'the weather service warned',
    'of flooding in low-lying areas',
    'rivers burst their banks',
    'residents were evacuated',
    'emergency crews worked through the night',
    'on sunday',
    'thousands of homes lost power',
    'roads were closed',
    'the storm moved north',
    'winds of up to 120 kilometres an hour',
    'schools were shut',
    'farmers counted the losses',
    'the mayor said',
    'more rain is expected',
    'later this week',
    'in a statement',
    'local authorities',
    'the army was deployed',
    'sandbags were handed out',
  ],
};
const NAMES = ['Anita Rao', 'Pedro Alves', 'Maria Keller', 'John Okafor', 'Li Wei', 'Sara Haddad', 'Tom Berg', 'Ines Costa'];
const FILLER = ['and', 'but', 'while', 'as', 'so', 'then', 'also', 'meanwhile', 'however', 'still'];
const REPLACEMENTS = ['reportedly', 'officially', 'nearly', 'about', 'some', 'several', 'many', 'few', 'new', 'latest'];

type Story = { topic: string; paragraphs: string[][] };

function aStory(random: ReturnType<typeof seeded>, topic: string, words: number): Story {
  const phrases = TOPICS[topic];
  const paragraphs: string[][] = [];
  let count = 0;
  while (count < words) {
    const paragraph: string[] = [];
    for (let s = 0; s < 2 + random.int(3) && count < words; s++) {
      const parts = Array.from({ length: 2 + random.int(3) }, () => random.pick(phrases));
      let sentence = parts.join(` ${random.pick(FILLER)} `);
      if (random.next() < 0.5) sentence += `, ${random.pick(NAMES)} said, citing ${100 + random.int(9900)} cases`;
      sentence = `${sentence[0].toUpperCase()}${sentence.slice(1)}.`;
      paragraph.push(sentence);
      count += sentence.split(' ').length;
    }
    paragraphs.push(paragraph);
  }
  return { topic, paragraphs };
}

const bodyOf = (story: Story) => story.paragraphs.map((paragraph) => paragraph.join(' ')).join('\n\n');

/** Typical edits of a republished wire story. */
const EDITS: Record<string, (story: Story, random: ReturnType<typeof seeded>) => string> = {
  'dateline and byline changed': (story, random) => `NEW DELHI, Sept 29 (Partner) - By ${random.pick(NAMES)}. ${bodyOf(story)}`,
  'a sentence added': (story, random) => {
    const paragraphs = story.paragraphs.map((p) => [...p]);
    paragraphs[random.int(paragraphs.length)].push(`Our correspondent ${random.pick(NAMES)} contributed reporting from the scene.`);
    return bodyOf({ ...story, paragraphs });
  },
  'a sentence removed': (story, random) => {
    const paragraphs = story.paragraphs.map((p) => [...p]);
    const longest = paragraphs.reduce((best, p) => (p.length > best.length ? p : best));
    longest.splice(random.int(longest.length), 1);
    return bodyOf({ ...story, paragraphs });
  },
  '5 to 10 words changed': (story, random) => {
    const words = bodyOf(story).split(' ');
    for (let n = 5 + random.int(6); n > 0; n--) words[random.int(words.length)] = random.pick(REPLACEMENTS);
    return words.join(' ');
  },
  'paragraphs reordered': (story, random) => {
    const paragraphs = [...story.paragraphs];
    for (let i = paragraphs.length - 1; i > 0; i--) {
      const j = random.int(i + 1);
      [paragraphs[i], paragraphs[j]] = [paragraphs[j], paragraphs[i]];
    }
    return bodyOf({ ...story, paragraphs });
  },
  'all of these at once': (story, random) => {
    const reordered = EDITS['paragraphs reordered'](story, random);
    const words = `LONDON (Agency) - ${reordered} Read more at partner.example.`.split(' ');
    for (let n = 5 + random.int(6); n > 0; n--) words[random.int(words.length)] = random.pick(REPLACEMENTS);
    return words.join(' ');
  },
};

interface Pair {
  label: string;
  a: string;
  b: string;
}

/** Stories of 150–600 words, each with one copy per kind of edit, and every pair of different stories. */
function labelledCorpus(storiesPerTopic = 12): { copies: Pair[]; unrelated: Pair[] } {
  const random = seeded(20240305);
  const stories = Object.keys(TOPICS).flatMap((topic) =>
    Array.from({ length: storiesPerTopic }, () => aStory(random, topic, 150 + random.int(451))),
  );
  const copies = stories.flatMap((story) =>
    Object.entries(EDITS).map(([label, edit]) => ({ label, a: bodyOf(story), b: edit(story, random) })),
  );
  const unrelated: Pair[] = [];
  for (let i = 0; i < stories.length; i++) {
    for (let j = i + 1; j < stories.length; j++) {
      const label = stories[i].topic === stories[j].topic ? 'same topic' : 'other topic';
      unrelated.push({ label, a: bodyOf(stories[i]), b: bodyOf(stories[j]) });
    }
  }
  return { copies, unrelated };
}

/** Fingerprints are computed once per text: the corpus compares each text with many others. */
function memoised<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    if (!cache.has(text)) cache.set(text, compute(text));
    return cache.get(text)!;
  };
}
const simhashOf = memoised((text) => {
  const fingerprint = simhash(text)!;
  return { fingerprint, bands: new Set(simhashBands(fingerprint)) };
});
const minhashOf = memoised((text) => {
  const signature = minhashSignature(text)!;
  return { signature, keys: new Set(minhashBandKeys(signature)) };
});

/** What each scheme makes of a pair: a candidate (shares a lookup key), then confirmed as a copy. */
function oldScheme(pair: Pair) {
  const [a, b] = [simhashOf(pair.a), simhashOf(pair.b)];
  const candidate = [...a.bands].some((band) => b.bands.has(band));
  return { candidate, confirmed: candidate && hammingDistance(a.fingerprint, b.fingerprint) <= NEAR_DUPLICATE_DISTANCE };
}

function newScheme(pair: Pair) {
  const [a, b] = [minhashOf(pair.a), minhashOf(pair.b)];
  const candidate = [...a.keys].some((key) => b.keys.has(key));
  return { candidate, confirmed: candidate && estimatedJaccard(a.signature, b.signature) >= NEAR_DUPLICATE_JACCARD };
}

const wire =
  'According to data updated on Thursday by the Union Health Ministry, 4,272 new instances of infections have been ' +
  'registered throughout the country. Officials urged caution ahead of the festive season, saying crowds at markets ' +
  'and temples could spread the virus again. The ministry said the number of active cases had fallen for the third ' +
  'week in a row, while vaccination continued in every state. Hospitals in the capital reported fewer admissions than a month ago.';

describe('minhashSignature', () => {
  it('has MINHASH_SIZE values, the same for the same words whatever the case, accents or punctuation', () => {
    const signature = minhashSignature(wire)!;
    expect(signature).toHaveLength(MINHASH_SIZE);
    expect(minhashSignature(wire.toUpperCase().replace(/,/g, ' ;'))).toEqual(signature);
  });

  it('gives nothing for a body too short to judge', () => {
    expect(minhashSignature('Storm hits the coast. More soon.')).toBeUndefined();
  });

  it('estimates a high similarity for a lightly edited copy and a low one for another story', () => {
    const edited = wire.replace('Thursday', 'Friday').replace('urged caution', 'called for caution');
    expect(estimatedJaccard(minhashSignature(wire)!, minhashSignature(edited)!)).toBeGreaterThanOrEqual(NEAR_DUPLICATE_JACCARD);
    const other = labelledCorpus(1).copies[0].a;
    expect(estimatedJaccard(minhashSignature(wire)!, minhashSignature(other)!)).toBeLessThan(0.1);
  });

  it('is stored as hex and read back unchanged; another length is not a signature', () => {
    const signature = minhashSignature(wire)!;
    expect(encodeSignature(signature)).toMatch(new RegExp(`^[0-9a-f]{${MINHASH_SIZE * 8}}$`));
    expect(decodeSignature(encodeSignature(signature))).toEqual(signature);
    expect(decodeSignature('abcd')).toBeUndefined();
  });
});

describe('minhashBandKeys', () => {
  it('gives one key per band, the same for the same signature and prefixed by its band', () => {
    const keys = minhashBandKeys(minhashSignature(wire)!);
    expect(keys).toHaveLength(MINHASH_BANDS);
    expect(new Set(keys).size).toBe(MINHASH_BANDS);
    keys.forEach((key, band) => expect(key.startsWith(`${band.toString(16)}:`)).toBe(true));
    expect(minhashBandKeys(minhashSignature(`${wire} `)!)).toEqual(keys);
  });
});

describe('the band lookup against the SimHash bands it replaces, on a labelled corpus', () => {
  const { copies, unrelated } = labelledCorpus();

  it('finds every copy the SimHash bands found (and here every copy)', () => {
    const missed = copies.filter((pair) => oldScheme(pair).confirmed && !newScheme(pair).confirmed);
    expect(missed.map((pair) => pair.label)).toEqual([]);
    expect(copies.filter((pair) => !newScheme(pair).confirmed).map((pair) => pair.label)).toEqual([]);
  });

  it('reports what each scheme finds (set NEAR_DUPLICATE_FIGURES=1 to print)', () => {
    const count = (pairs: Pair[], scheme: typeof oldScheme, what: 'candidate' | 'confirmed') =>
      pairs.filter((pair) => scheme(pair)[what]).length;
    const lines = [`copies: ${copies.length}, unrelated pairs: ${unrelated.length}`];
    for (const [name, scheme] of [
      ['SimHash bands', oldScheme],
      ['MinHash LSH', newScheme],
    ] as const) {
      const byEdit = Object.keys(EDITS).map((label) => {
        const pairs = copies.filter((pair) => pair.label === label);
        return `${label} ${count(pairs, scheme, 'confirmed')}/${pairs.length}`;
      });
      lines.push(
        `${name}: copies found ${count(copies, scheme, 'confirmed')}/${copies.length} (${byEdit.join(', ')}); ` +
          `unrelated pairs that are candidates ${count(unrelated, scheme, 'candidate')}, confirmed ${count(unrelated, scheme, 'confirmed')}`,
      );
    }
    const similarities = (pairs: Pair[]) => pairs.map((pair) => estimatedJaccard(minhashOf(pair.a).signature, minhashOf(pair.b).signature));
    const copiesJ = similarities(copies);
    const unrelatedJ = similarities(unrelated);
    lines.push(
      `estimated Jaccard: copies ${Math.min(...copiesJ).toFixed(2)}–${Math.max(...copiesJ).toFixed(2)}, unrelated up to ${Math.max(...unrelatedJ).toFixed(2)}`,
    );
    if (process.env.NEAR_DUPLICATE_FIGURES) process.stdout.write(`${lines.join('\n')}\n`);
    expect(lines).toHaveLength(4);
  });

  it('confirms no unrelated pair, even on the same topic, and makes few of them candidates', () => {
    const results = unrelated.map(newScheme);
    expect(results.filter((result) => result.confirmed)).toHaveLength(0);
    expect(results.filter((result) => result.candidate).length).toBeLessThanOrEqual(unrelated.length / 1000);
  });
});

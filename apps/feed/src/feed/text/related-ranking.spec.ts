import { headlineKey } from './near-duplicate';
import { rankRelated, recencyWeight, RelatedCandidate, topicWeight } from './related-ranking';

const now = new Date('2026-03-01T12:00:00.000Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

function story(
  id: string,
  topics: string[],
  publishedAt = hoursAgo(1),
  headline = `Headline ${id}`,
  teaser = `Teaser text for story ${id}`,
) {
  return { id, topics, publishedAt, headlineKey: headlineKey(headline), teaser } satisfies RelatedCandidate;
}

const frequencies = new Map([
  ['politics', 50],
  ['election-2026', 3],
  ['health', 20],
]);
const options = { limit: 4, halfLifeHours: 72, now, documentFrequency: frequencies, totalDocuments: 100 };

describe('related ranking', () => {
  it('weighs rare topics above common ones', () => {
    expect(topicWeight(3, 100)).toBeGreaterThan(topicWeight(50, 100));
    const source = story('s', ['politics', 'election-2026']);
    const ranked = rankRelated(source, [story('common', ['politics']), story('rare', ['election-2026'])], options);
    expect(ranked.map((entry) => entry.candidate.id)).toEqual(['rare', 'common']);
  });

  it('prefers the newer of two equally close stories, with a floor for old ones', () => {
    expect(recencyWeight(now, now, 72)).toBe(1);
    expect(recencyWeight(hoursAgo(72), now, 72)).toBeCloseTo(0.625);
    expect(recencyWeight(hoursAgo(72 * 100), now, 72)).toBeCloseTo(0.25);
    const source = story('s', ['health']);
    const ranked = rankRelated(source, [story('old', ['health'], hoursAgo(500)), story('new', ['health'], hoursAgo(2))], options);
    expect(ranked.map((entry) => entry.candidate.id)).toEqual(['new', 'old']);
  });

  it('never offers the story itself, one sharing nothing, or a near-duplicate of the story or of one already picked', () => {
    const source = story('s', ['health'], hoursAgo(1), 'Ministry reports new infections');
    const ranked = rankRelated(
      source,
      [
        story('s', ['health']),
        story('unrelated', ['sport']),
        story('same-headline', ['health'], hoursAgo(1), 'MINISTRY reports new infections!'),
        story('a', ['health'], hoursAgo(2), 'First take', 'The ministry said numbers rose sharply this week in the capital'),
        story('a-again', ['health'], hoursAgo(3), 'Second take', 'The ministry said numbers rose sharply this week in the capital city'),
        story('b', ['health'], hoursAgo(4)),
      ],
      options,
    );
    expect(ranked.map((entry) => entry.candidate.id)).toEqual(['a', 'b']);
  });

  it('stops at the limit', () => {
    const source = story('s', ['health']);
    const many = Array.from({ length: 10 }, (_, i) => story(`c${i}`, ['health'], hoursAgo(i + 1)));
    expect(rankRelated(source, many, { ...options, limit: 3 }).map((entry) => entry.candidate.id)).toEqual(['c0', 'c1', 'c2']);
  });
});

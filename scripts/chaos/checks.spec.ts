import { checkComments, checkCounts, checkDeadLetters, checkFeed, repeatedDeadLetters } from './checks';
import { parseChaosOptions } from './options';
import { SeededRandom } from './random';

describe('chaos checks', () => {
  const article = { id: 'a1', headlines: ['Second version', 'Third version (sent, never answered)'], versions: 2 };
  const entry = (id: string, headline: string, slug = id) => ({ id, slug, headline, commentCount: 0 });

  it('passes a feed with every acknowledged article once at an acceptable version', () => {
    expect(checkFeed([article], [entry('a1', 'Second version')])).toEqual([]);
    expect(checkFeed([article], [entry('a1', 'Third version (sent, never answered)')])).toEqual([]);
  });

  it('reports missing, stale, duplicated and unexpected feed items', () => {
    expect(checkFeed([article], [])).toEqual(['articles acknowledged but missing from the feed (1): a1']);
    expect(checkFeed([article], [entry('a1', 'First version')])[0]).toMatch(/older version \(1\): a1 shows "First version"/);
    expect(checkFeed([article], [entry('a1', 'Second version'), entry('a1', 'Second version', 'other')])).toEqual([
      'articles in the feed more than once (1): a1 ×2',
    ]);
    expect(checkFeed([article], [entry('a1', 'Second version'), entry('zz', 'x')])).toEqual(['feed items nobody submitted (1): zz']);
  });

  it('reports comments lost, mis-moderated or stored twice, and tolerates an unacknowledged attempt stored once', () => {
    const tokens = new Map<string, string | null>([
      ['tok-1', 'c1'],
      ['tok-2', null],
    ]);
    const expected = [{ id: 'c1', articleId: 'a1', status: 'approved' as const }];
    expect(
      checkComments(
        expected,
        [
          { id: 'c1', status: 'approved', body: 'hi [tok-1]' },
          { id: 'c2', status: 'pending', body: 'x [tok-2]' },
        ],
        tokens,
      ),
    ).toEqual([]);
    expect(checkComments(expected, [], tokens)).toEqual(['comments answered 202 but not stored (1): c1']);
    expect(checkComments(expected, [{ id: 'c1', status: 'pending', body: '[tok-1]' }], tokens)).toEqual([
      'comments with the wrong status (1): c1 is pending, expected approved',
    ]);
    expect(
      checkComments(
        expected,
        [
          { id: 'c1', status: 'approved', body: '[tok-1]' },
          { id: 'c9', status: 'approved', body: '[tok-1]' },
        ],
        tokens,
      ),
    ).toEqual(['comment submissions stored more than once (1): tok-1 ×2']);
  });

  it('checks counts against approved comments per article', () => {
    const expected = [
      { id: 'c1', articleId: 'a1', status: 'approved' as const },
      { id: 'c2', articleId: 'a1', status: 'pending' as const },
    ];
    expect(checkCounts(expected, new Map([['a1', { feed: 1, thread: 1 }]]))).toEqual([]);
    expect(checkCounts(expected, new Map([['a1', { feed: 2, thread: 1 }]]))[0]).toMatch(/feed commentCount 2, expected 1/);
  });

  it('wants each poison in the DLQ from every consumer group, and nothing else there', () => {
    const injected = [{ topic: 'news.articles.v1', poisonId: 'p1', consumers: 2 }];
    const twice = [
      { topic: 'news.articles.v1', poisonId: 'p1', group: 'feed' },
      { topic: 'news.articles.v1', poisonId: 'p1', group: 'comment' },
    ];
    expect(checkDeadLetters(injected, twice)).toEqual([]);
    expect(checkDeadLetters(injected, twice.slice(1))[0]).toMatch(/dead-lettered by 1 consumer group\(s\), expected 2/);
    // One group twice is not two groups.
    expect(checkDeadLetters(injected, [twice[0], twice[0]])[0]).toMatch(/by 1 consumer group\(s\), expected 2/);
    expect(checkDeadLetters(injected, [...twice, { topic: 'news.articles.v1' }])[0]).toMatch(/real messages dead-lettered/);
  });

  it('tolerates and counts a dead letter written again by the same group after a kill', () => {
    const injected = [{ topic: 'news.articles.v1', poisonId: 'p1', consumers: 2 }];
    const letters = [
      { topic: 'news.articles.v1', poisonId: 'p1', group: 'feed' },
      { topic: 'news.articles.v1', poisonId: 'p1', group: 'feed' },
      { topic: 'news.articles.v1', poisonId: 'p1', group: 'comment' },
    ];
    expect(checkDeadLetters(injected, letters)).toEqual([]);
    expect(repeatedDeadLetters(letters)).toBe(1);
  });
});

describe('chaos options and randomness', () => {
  it('has defaults that finish in minutes and validates numbers', () => {
    expect(parseChaosOptions([], () => 42)).toEqual({ articles: 200, comments: 100, seed: 42, durationSeconds: 90, keepInfra: false });
    expect(parseChaosOptions(['--articles', '10', '--comments', '0', '--seed', '7', '--duration', '20', '--keep-infra'])).toEqual({
      articles: 10,
      comments: 0,
      seed: 7,
      durationSeconds: 20,
      keepInfra: true,
    });
    expect(() => parseChaosOptions(['--articles', '0'])).toThrow(/--articles must be an integer of at least 1/);
    expect(() => parseChaosOptions(['--wat'])).toThrow();
  });

  it('repeats the same sequence for the same seed', () => {
    const a = new SeededRandom(9);
    const b = new SeededRandom(9);
    const draws = Array.from({ length: 5 }, () => [a.next(), b.next()]);
    expect(draws.every(([x, y]) => x === y && x >= 0 && x < 1)).toBe(true);
    expect(new SeededRandom(9).shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

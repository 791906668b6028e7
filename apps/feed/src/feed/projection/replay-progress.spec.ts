import { ReplayProgress } from './replay-progress';

const ARTICLES = 'news.articles.v1';
const COMMENTS = 'news.comments.v1';

describe('replay progress', () => {
  const targets = () => ({
    [ARTICLES]: [
      { partition: 0, low: '0', high: '3' },
      { partition: 1, low: '5', high: '7' },
      { partition: 2, low: '4', high: '4' },
    ],
    [COMMENTS]: [{ partition: 0, low: '0', high: '1' }],
  });

  it('is done only when every partition reached the end captured at the start', () => {
    const progress = new ReplayProgress(targets());
    expect(progress.done).toBe(false);
    expect(progress.total(ARTICLES)).toBe(5n);
    for (const offset of ['0', '1', '2']) progress.advance(ARTICLES, 0, offset);
    progress.advance(ARTICLES, 1, '5');
    progress.advance(COMMENTS, 0, '0');
    expect(progress.remaining(ARTICLES)).toBe(1n);
    expect(progress.done).toBe(false);
    progress.advance(ARTICLES, 1, '6');
    expect(progress.remaining(ARTICLES)).toBe(0n);
    expect(progress.done).toBe(true);
  });

  it('is done at once when every partition is empty (or its messages were deleted)', () => {
    expect(new ReplayProgress({ [ARTICLES]: [{ partition: 0, low: '9', high: '9' }], [COMMENTS]: [] }).done).toBe(true);
  });

  it('counts a partition from its first kept message, not from zero', () => {
    const progress = new ReplayProgress({ [ARTICLES]: [{ partition: 0, low: '100', high: '102' }] });
    expect(progress.remaining(ARTICLES)).toBe(2n);
    progress.advance(ARTICLES, 0, '101');
    expect(progress.done).toBe(true);
  });

  it('does not go backwards when partitions deliver out of order or a message comes again', () => {
    const progress = new ReplayProgress(targets());
    progress.advance(ARTICLES, 0, '2');
    progress.advance(ARTICLES, 0, '0');
    expect(progress.remaining(ARTICLES)).toBe(2n);
  });

  it('leaves messages published after the start to the live consumers', () => {
    const progress = new ReplayProgress(targets());
    expect(progress.isBeyondTarget(ARTICLES, 0, '2')).toBe(false);
    expect(progress.isBeyondTarget(ARTICLES, 0, '3')).toBe(true);
    expect(progress.isBeyondTarget(ARTICLES, 2, '4')).toBe(true);
    expect(progress.isBeyondTarget(ARTICLES, 9, '0')).toBe(true);
    expect(progress.isBeyondTarget('unknown', 0, '0')).toBe(true);
  });

  it('handles offsets beyond the range of a double', () => {
    const progress = new ReplayProgress({ [ARTICLES]: [{ partition: 0, low: '9007199254740993', high: '9007199254740995' }] });
    progress.advance(ARTICLES, 0, '9007199254740993');
    expect(progress.remaining(ARTICLES)).toBe(1n);
  });

  it('describes per topic and partition how far it got', () => {
    const progress = new ReplayProgress(targets());
    progress.advance(ARTICLES, 0, '1');
    expect(progress.describe()).toEqual([`${ARTICLES} 2/5 (p0 2/3, p1 5/7)`, `${COMMENTS} 0/1 (p0 0/1)`]);
  });
});

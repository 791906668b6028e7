import { ServiceConfigModule } from '@frontpage/config';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../feed.config';
import { CommentMarkRepository } from './comment-mark.repository';
import { FeedModule } from './feed.module';

describe('comment marks against the store', () => {
  let service: TestApp;
  let marks: CommentMarkRepository;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'feed-comment-marks',
      imports: () => [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), FeedModule],
    });
    marks = service.app.get(CommentMarkRepository);
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  }, 30_000);

  it('counts the visible comments of each article asked for, leaving out articles with none', async () => {
    const [busy, quiet, hidden, silent] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    for (let i = 0; i < 3; i++) await marks.mark(randomUUID(), busy, 1, true);
    await marks.mark(randomUUID(), busy, 1, false);
    await marks.mark(randomUUID(), quiet, 1, true);
    const unpublished = randomUUID();
    await marks.mark(unpublished, hidden, 1, true);
    await marks.mark(unpublished, hidden, 2, false);

    expect(await marks.countVisible([busy, quiet, hidden, silent, busy])).toEqual(
      new Map([
        [busy, 3],
        [quiet, 1],
      ]),
    );
    expect(await marks.countVisible([])).toEqual(new Map());
  });

  describe('most commented since', () => {
    const HOUR_MS = 3_600_000;
    /** Half past the hour about 72 hours ago: a window whose first hour is partial. */
    const windowStart = () => new Date(Math.floor((Date.now() - 72 * HOUR_MS) / HOUR_MS) * HOUR_MS + 30 * 60_000);
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOUR_MS);
    const visible = (articleId: string, at: Date) => marks.mark(randomUUID(), articleId, 1, true, at);
    const mine = async (since: Date, ids: string[]) =>
      (await marks.mostCommentedSince(since, 1000)).filter((row) => ids.includes(row.articleId));

    it('counts the visible marks of the window, from its partial first hour to now, most first', async () => {
      const since = windowStart();
      const [busy, quiet, early] = [randomUUID(), randomUUID(), randomUUID()];
      await visible(busy, since); // exactly at the start
      await visible(busy, new Date(since.getTime() + 10 * 60_000)); // in the partial first hour
      for (const hours of [60, 48, 36, 24]) await visible(busy, hoursAgo(hours)); // days ago, across whole-day buckets
      await visible(busy, hoursAgo(1 / 60));
      await visible(busy, new Date(since.getTime() - 1)); // just before, in the same hour
      await visible(busy, new Date(since.getTime() - 2 * HOUR_MS));
      await visible(quiet, hoursAgo(5));
      await visible(quiet, hoursAgo(30));
      await visible(early, new Date(since.getTime() - 1));
      await visible(early, hoursAgo(24 * 30));

      expect(await mine(since, [busy, quiet, early])).toEqual([
        { articleId: busy, count: 7 },
        { articleId: quiet, count: 2 },
      ]);
    });

    it('leaves out hidden marks and marks hidden by a later revision', async () => {
      const since = windowStart();
      const [article, hiddenOnly] = [randomUUID(), randomUUID()];
      await visible(article, hoursAgo(3));
      await marks.mark(randomUUID(), article, 1, false, hoursAgo(2)); // hidden from the start
      const removed = randomUUID();
      await marks.mark(removed, article, 1, true, hoursAgo(2));
      await marks.mark(removed, article, 2, false);
      const removedFirst = randomUUID();
      await marks.mark(removedFirst, hiddenOnly, 2, false);
      await marks.mark(removedFirst, hiddenOnly, 1, true, hoursAgo(1)); // an older event arriving late

      expect(await mine(since, [article, hiddenOnly])).toEqual([{ articleId: article, count: 1 }]);
    });

    it('counts a comment where it was last made visible, once', async () => {
      const since = windowStart();
      const [republished, superseded] = [randomUUID(), randomUUID()];
      const comment = randomUUID();
      await marks.mark(comment, republished, 1, true, hoursAgo(100));
      await marks.mark(comment, republished, 2, false);
      await marks.mark(comment, republished, 3, true, hoursAgo(2));
      const moved = randomUUID();
      await marks.mark(moved, superseded, 2, true, hoursAgo(100));
      await marks.mark(moved, superseded, 1, true, hoursAgo(2)); // older revision: changes nothing

      expect(await mine(since, [republished, superseded])).toEqual([{ articleId: republished, count: 1 }]);
    });

    it('orders ties by article id, descending, and keeps the first `limit`', async () => {
      const since = hoursAgo(0.5);
      const ids = [randomUUID(), randomUUID(), randomUUID()];
      for (const id of ids) {
        await visible(id, hoursAgo(0.25));
        await visible(id, hoursAgo(0.1));
      }
      const leader = randomUUID();
      for (let i = 0; i < 3; i++) await visible(leader, hoursAgo(0.2));
      const expected = [
        { articleId: leader, count: 3 },
        ...[...ids]
          .sort()
          .reverse()
          .map((articleId) => ({ articleId, count: 2 })),
      ];

      expect(await mine(since, [leader, ...ids])).toEqual(expected);
      const all = await marks.mostCommentedSince(since, 1000);
      expect(await marks.mostCommentedSince(since, 2)).toEqual(all.slice(0, 2));
      expect(all.slice(0, 4)).toEqual(expected);
    });
  });
});

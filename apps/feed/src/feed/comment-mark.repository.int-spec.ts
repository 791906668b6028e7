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
});

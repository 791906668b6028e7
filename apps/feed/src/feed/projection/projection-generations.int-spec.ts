import { ServiceConfigModule } from '@frontpage/config';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { getConnectionToken } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { FeedConfig } from '../../feed.config';
import { CommentMarkRepository } from '../comment-mark.repository';
import { FeedItemContent, FeedItemRepository } from '../feed-item.repository';
import { FeedModule } from '../feed.module';
import { FeedService } from '../feed.service';
import { SearchService } from '../search.service';
import { ProjectionGenerations } from './projection-generations';
import { ProjectionStateRepository } from './projection-state.repository';

const content = (headline: string): FeedItemContent => ({
  slug: `story-${randomUUID().slice(0, 8)}`,
  headline,
  teaser: 'A teaser.',
  section: 'world',
  tags: [],
  publishedAt: new Date('2024-03-05T10:00:00.000Z'),
});

describe('projection generations against the store', () => {
  let service: TestApp;
  let generations: ProjectionGenerations;
  let pointer: ProjectionStateRepository;
  let items: FeedItemRepository;
  let marks: CommentMarkRepository;
  let connection: Connection;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'feed-generations',
      imports: () => [ServiceConfigModule.forService('feed', FeedConfig), PlatformModule, StoreModule.forRoot(), FeedModule],
    });
    generations = service.app.get(ProjectionGenerations);
    pointer = service.app.get(ProjectionStateRepository);
    items = service.app.get(FeedItemRepository);
    marks = service.app.get(CommentMarkRepository);
    connection = service.app.get<Connection>(getConnectionToken());
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  }, 30_000);

  it('keeps generations apart: a generation writes only to its own collections', async () => {
    const id = randomUUID();
    await generations.ensureCollections(7);
    await items.in(7).applyVersion(id, 1, content('Only in seven'));
    expect(await items.in(7).find(id)).toMatchObject({ headline: 'Only in seven' });
    expect(await items.find(id)).toBeNull();
    expect(await connection.collection('feed_items_g7').countDocuments({ _id: id as never })).toBe(1);
    expect(await generations.dropCollections(7)).toEqual([
      'feed_items_g7',
      'feed_comment_marks_g7',
      'feed_search_terms_g7',
      'feed_list_buckets_g7',
    ]);
  });

  it('converges when two writers race to create the same article or comment with different versions', async () => {
    await generations.ensureCollections(8);
    for (let round = 0; round < 15; round++) {
      const id = randomUUID();
      const comment = randomUUID();
      const [, newer] = await Promise.all([
        items.in(8).applyVersion(id, 1, content('First')),
        items.in(8).applyVersion(id, 2, content('Second')),
        marks.in(8).mark(comment, id, 1, true, new Date()),
        marks.in(8).mark(comment, id, 2, false),
      ]);
      expect(newer).toBe(true);
      expect(await items.in(8).find(id)).toMatchObject({ version: 2, headline: 'Second' });
      expect((await marks.in(8).countVisible([id])).get(id)).toBeUndefined();
    }
    await generations.dropCollections(8);
  });

  it('lets one rebuild claim the pointer at a time, and takes over from one that stopped sending heartbeats', async () => {
    const seen = await pointer.read();
    const now = new Date();
    const first = { generation: seen.lastGeneration + 1, buildId: randomUUID(), now, staleBefore: new Date(now.getTime() - 30_000) };
    expect(await pointer.claim(seen, first)).toBe(true);
    const second = { ...first, generation: first.generation + 1, buildId: randomUUID() };
    expect(await pointer.claim(await pointer.read(), second)).toBe(false);
    expect(await pointer.claim(await pointer.read(), { ...second, staleBefore: new Date(now.getTime() + 1) })).toBe(true);
    expect(await pointer.heartbeat(first.generation, first.buildId, new Date())).toBe(false);
    expect(await pointer.read()).toMatchObject({ active: seen.active, building: second.generation });
    expect(await pointer.release(second.generation, second.buildId)).toBe(true);
    expect(await pointer.read()).toMatchObject({ active: seen.active, building: null, lastGeneration: second.generation });
  });

  it('serves reads from the generation the pointer names once the replica re-reads it', async () => {
    const feed = service.app.get(FeedService);
    const search = service.app.get(SearchService);
    const id = randomUUID();
    const word = `zephyrine${randomUUID().slice(0, 6)}`;
    const snapshot = {
      id,
      slug: `story-${id.slice(0, 8)}`,
      version: 1,
      source: 'wire',
      sourceId: id,
      headline: `The ${word} affair`,
      body: 'Body.',
      section: 'world',
      tags: [],
      publishedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    const before = await pointer.read();
    const generation = before.lastGeneration + 1;
    const buildId = randomUUID();
    await generations.ensureCollections(generation);
    await pointer.claim(before, { generation, buildId, now: new Date(), staleBefore: new Date() });
    await generations.refresh();
    // While building, the live path writes to both generations.
    await feed.applySnapshot(snapshot);
    expect(await items.in(before.active).find(id)).not.toBeNull();
    expect(await items.in(generation).find(id)).not.toBeNull();

    expect(await pointer.switchTo(generation, buildId, before.active, new Date())).toBe(true);
    await generations.refresh();
    expect(generations.active).toBe(generation);
    await items.in(before.active).withdraw(id, 5);
    expect((await search.search(word, 10)).items.map((item) => item.id)).toEqual([id]);
    expect((await feed.page({}, 100)).items.map((item) => item.id)).toContain(id);
  });
});

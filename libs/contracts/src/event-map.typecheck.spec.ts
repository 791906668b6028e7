import { ArticlePublishedData, ArticleWithdrawnData } from './articles/article-snapshot.event';
import { EventDataOf, eventClassFor, EventTopic, EventTypeOf, TopicEvent } from './event-map';
import { Topics } from './topics';

/*
 * Checked by the compiler (`npm run typecheck`): every `@ts-expect-error` below must point at a real
 * type error, or the typecheck fails. Jest only runs the runtime assertions.
 */

const snapshot: EventDataOf<'news.articles.v1', 'ArticlePublished'> = {
  id: '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f',
  slug: 'a-story',
  version: 1,
  source: 'reuters',
  sourceId: 'abc-123',
  headline: 'A story',
  body: 'Body.',
  tags: [],
  publishedAt: '2024-03-05T10:20:30.000Z',
  updatedAt: '2024-03-05T10:20:30.000Z',
};

const withdrawal: ArticleWithdrawnData = {
  id: '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f',
  version: 2,
  withdrawnAt: '2024-03-06T08:00:00.000Z',
};

/** The same signature as `EventPublisher.publish`, without Kafka. */
function publish<T extends EventTopic, K extends EventTypeOf<T>>(topic: T, type: K, data: EventDataOf<T, K>) {
  return { topic, type, data };
}

function summary(event: TopicEvent<'news.articles.v1'>): string {
  switch (event.type) {
    case 'ArticlePublished':
    case 'ArticleUpdated':
      // @ts-expect-error only a withdrawal has withdrawnAt
      void event.data.withdrawnAt;
      return `${event.type} ${event.data.slug} v${event.data.version}`;
    case 'ArticleWithdrawn':
      // @ts-expect-error a withdrawal has no slug
      void event.data.slug;
      return `${event.type} ${event.data.id} at ${event.data.withdrawnAt}`;
  }
}

function wrongPayloads(): void {
  // @ts-expect-error a withdrawal is not the data of ArticlePublished
  const _published: EventDataOf<'news.articles.v1', 'ArticlePublished'> = withdrawal;

  // @ts-expect-error a snapshot is not the data of ArticleWithdrawn
  const _withdrawn: EventDataOf<'news.articles.v1', 'ArticleWithdrawn'> = snapshot;

  // @ts-expect-error ArticlePublished does not travel on the ingest topic
  const _ingestType: EventTypeOf<'ingest.articles.v1'> = 'ArticlePublished';

  // @ts-expect-error ArticleSubmitted does not travel on the public topic
  const _newsType: EventTypeOf<'news.articles.v1'> = 'ArticleSubmitted';

  // @ts-expect-error the type and the data of a consumed event must agree
  const _mismatched: TopicEvent<'news.articles.v1'> = { type: 'ArticleWithdrawn', data: snapshot };

  // @ts-expect-error a withdrawal published as ArticlePublished
  publish(Topics.NewsArticles, 'ArticlePublished', withdrawal);

  // @ts-expect-error an event type of another topic
  publish(Topics.IngestArticles, 'ArticlePublished', snapshot);

  // @ts-expect-error a required field is missing
  publish(Topics.NewsArticles, 'ArticleWithdrawn', { id: withdrawal.id, version: 2 });
}

describe('typed topic → event map', () => {
  it('accepts the right payloads, and each accepted pair is also known at run time', () => {
    const accepted = [
      publish(Topics.NewsArticles, 'ArticlePublished', snapshot),
      publish(Topics.NewsArticles, 'ArticleUpdated', { ...snapshot, version: 2 }),
      publish(Topics.NewsArticles, 'ArticleWithdrawn', withdrawal),
    ];
    expect(accepted.map(({ topic, type }) => eventClassFor(topic, type))).toEqual([
      ArticlePublishedData,
      expect.any(Function),
      ArticleWithdrawnData,
    ]);
  });

  it('narrows a consumed event by its type', () => {
    expect(summary({ type: 'ArticlePublished', data: snapshot })).toBe('ArticlePublished a-story v1');
    expect(summary({ type: 'ArticleWithdrawn', data: withdrawal })).toBe(
      'ArticleWithdrawn 3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f at 2024-03-06T08:00:00.000Z',
    );
  });

  it('keeps the compile-only checks out of the run', () => {
    expect(typeof wrongPayloads).toBe('function');
  });
});

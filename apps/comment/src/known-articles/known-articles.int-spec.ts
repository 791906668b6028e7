import { ServiceConfigModule } from '@frontpage/config';
import { ArticleSnapshotData, ArticleWithdrawnData, deadLetterTopicOf, ErrorCodes, Topics } from '@frontpage/contracts';
import { EventPublisher, MessagingModule } from '@frontpage/messaging';
import { MetricsService, PlatformModule, StoreModule } from '@frontpage/platform';
import { eventually, KafkaProbe, ProbedMessage } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { CommentConfig } from '../comment.config';
import { KnownArticlesModule } from './known-articles.module';
import { KnownArticlesService } from './known-articles.service';

const PUBLISHED_AT = new Date();

function snapshot(id: string, version: number): ArticleSnapshotData {
  return {
    id,
    slug: `story-${id.slice(0, 8)}`,
    version,
    source: 'wire',
    sourceId: id,
    headline: `Harbour bridge reopens, version ${version}`,
    body: 'The bridge reopened on Monday.',
    tags: [],
    // Recent, so no rule closing older articles for comments applies.
    publishedAt: PUBLISHED_AT.toISOString(),
    updatedAt: new Date(PUBLISHED_AT.getTime() + version * 60_000).toISOString(),
  };
}

function withdrawal(id: string, version: number): ArticleWithdrawnData {
  return { id, version, withdrawnAt: '2024-03-06T08:00:00.000Z', reason: 'legal' };
}

describe('known articles (the comment service) against the store and the broker', () => {
  let service: TestApp;
  let knownArticles: KnownArticlesService;
  const probe = new KafkaProbe();
  let deadLetters: ProbedMessage[];

  beforeAll(async () => {
    service = await startTestApp({
      label: 'known-articles',
      consume: true,
      imports: () => [
        ServiceConfigModule.forService('comment', CommentConfig),
        PlatformModule,
        StoreModule.forRoot(),
        MessagingModule,
        KnownArticlesModule,
      ],
    });
    knownArticles = service.app.get(KnownArticlesService);
    deadLetters = await probe.collect(service.topic(deadLetterTopicOf(Topics.NewsArticles)));
  }, 60_000);

  afterAll(async () => {
    await probe.close();
    await service?.close();
  }, 30_000);

  const statusOf = async (id: string) => (await knownArticles.find(id))?.status;
  const commenting = (id: string) =>
    service.app
      .getHttpAdapter()
      .getInstance()
      .inject({ method: 'GET', url: `/v1/articles/${id}/commenting` });

  it('keeps an article withdrawn when a snapshot older than the withdrawal arrives late', async () => {
    const id = randomUUID();
    await knownArticles.recordSnapshot(snapshot(id, 1));
    expect(await knownArticles.find(id)).toMatchObject({ _id: id, version: 1, status: 'open', slug: snapshot(id, 1).slug });

    await knownArticles.recordWithdrawal(withdrawal(id, 2));
    expect(await knownArticles.find(id)).toMatchObject({ version: 2, status: 'withdrawn' });

    await knownArticles.recordSnapshot(snapshot(id, 1));
    await knownArticles.recordSnapshot(snapshot(id, 2));
    await knownArticles.recordWithdrawal(withdrawal(id, 2));
    expect(await knownArticles.find(id)).toMatchObject({ version: 2, status: 'withdrawn' });
  });

  it('keeps a withdrawal that arrives before any snapshot of the article', async () => {
    const id = randomUUID();
    await knownArticles.recordWithdrawal(withdrawal(id, 3));
    await knownArticles.recordSnapshot(snapshot(id, 1));
    await knownArticles.recordSnapshot(snapshot(id, 2));
    expect(await knownArticles.find(id)).toMatchObject({ version: 3, status: 'withdrawn' });
  });

  it('applies snapshot, withdrawal and a redelivered snapshot from news.articles.v1 in that order: withdrawn', async () => {
    const id = randomUUID();
    const other = randomUUID();
    const publisher = service.app.get(EventPublisher);
    const metrics = service.app.get(MetricsService);
    const handled = async () =>
      (await metrics.messagesConsumed.get()).values.find(
        (value) => value.labels.topic === Topics.NewsArticles && value.labels.outcome === 'handled',
      )?.value ?? 0;
    const before = await handled();

    await publisher.publish(Topics.NewsArticles, 'ArticlePublished', id, snapshot(id, 1), { id: `${id}:v1` });
    await publisher.publish(Topics.NewsArticles, 'ArticleWithdrawn', id, withdrawal(id, 2), { id: `${id}:withdrawn` });
    await publisher.publish(Topics.NewsArticles, 'ArticlePublished', id, snapshot(id, 1), { id: `${id}:v1` });
    await publisher.publish(Topics.NewsArticles, 'ArticlePublished', other, snapshot(other, 1));

    await eventually(async () => expect(await handled()).toBe(before + 4));
    expect(await statusOf(id)).toBe('withdrawn');
    expect(await statusOf(other)).toBe('open');
    expect(deadLetters.filter((message) => message.key === id || message.key === other)).toEqual([]);

    const closed = await commenting(id);
    expect(closed.statusCode).toBe(200);
    expect(closed.json()).toEqual({ articleId: id, open: false, reason: 'the article has been withdrawn' });
    expect((await commenting(other)).json()).toEqual({ articleId: other, open: true, reason: null });
  });

  it('answers 404 for an article it has never heard of', async () => {
    const response = await commenting(randomUUID());
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: ErrorCodes.ArticleNotFound } });
  });
});

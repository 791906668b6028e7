import { ServiceConfigModule } from '@frontpage/config';
import { ArticleSnapshotData, CommentSubmittedData, Topics } from '@frontpage/contracts';
import { EventPublisher, MessagingModule } from '@frontpage/messaging';
import { MetricsService, PlatformModule, StoreModule } from '@frontpage/platform';
import { eventually, KafkaProbe, ProbedMessage } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { CommentConfig } from '../../comment.config';
import { KnownArticlesModule } from '../../known-articles/known-articles.module';
import { KnownArticlesService } from '../../known-articles/known-articles.service';
import { CommentModerationService } from '../comment-moderation.service';
import { CommentRecord, CommentRepository } from '../comment.repository';
import { CommentsModule } from '../comments.module';
import { AwaitingArticleService } from './awaiting-article.service';
import { AwaitingCommentRepository } from './awaiting-comment.repository';

jest.setTimeout(60_000);

const POST_MODERATED_SLUG = `post-moderated-${randomUUID().slice(0, 8)}`;

function anArticle(slug = `late-story-${randomUUID().slice(0, 8)}`): ArticleSnapshotData {
  const id = randomUUID();
  return {
    id,
    slug,
    version: 1,
    source: 'wire',
    sourceId: id,
    headline: 'A story the comment service hears of late',
    body: 'Body.',
    tags: [],
    publishedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
  };
}

function submission(articleRef: string, overrides: Partial<CommentSubmittedData> = {}): CommentSubmittedData {
  return {
    commentId: randomUUID(),
    articleSlug: articleRef,
    authorName: 'Early Bird',
    authorEmail: `early.${randomUUID().slice(0, 8)}@example.org`,
    body: `Comment ${randomUUID()}`,
    clientAddress: '203.0.113.9',
    submittedAt: new Date().toISOString(),
    ...overrides,
  };
}

async function startCommentService(label: string, env: Record<string, string>): Promise<TestApp> {
  return startTestApp({
    label,
    consume: true,
    imports: () => [
      ServiceConfigModule.forService('comment', CommentConfig),
      PlatformModule,
      StoreModule.forRoot(),
      MessagingModule,
      KnownArticlesModule,
      CommentsModule,
    ],
    env,
  });
}

/** Reads the service's own collections and metrics. */
function lookAt(service: TestApp) {
  const comments = service.app.get(CommentRepository);
  const awaiting = service.app.get(AwaitingCommentRepository);
  const metrics = service.app.get(MetricsService);
  return {
    parked: (id: string) => awaiting.findById(id),
    waitingFor: (ref: string) => awaiting.waitingFor([ref], 100),
    comment: (id: string) => comments.findById(id),
    moderated: (id: string) =>
      eventually(async () => (await comments.findById(id)) ?? Promise.reject(new Error(`${id} not moderated yet`))),
    parkedEventually: (id: string) =>
      eventually(async () => (await awaiting.findById(id)) ?? Promise.reject(new Error(`${id} not parked yet`))),
    counted: async (event: 'parked' | 'released' | 'expired') =>
      (await metrics.registry.getSingleMetric('comment_awaiting_article_total')!.get()).values.find((value) => value.labels.event === event)
        ?.value ?? 0,
    waitingNow: async () => (await metrics.registry.getSingleMetric('comment_awaiting_article')!.get()).values[0]?.value ?? 0,
  };
}

describe('comments for an article the comment service has not heard of yet (real broker and store)', () => {
  let service: TestApp;
  let publisher: EventPublisher;
  let news: ProbedMessage[];
  let look: ReturnType<typeof lookAt>;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    service = await startCommentService('awaiting-article', {
      COMMENT_ARTICLE_WAIT_SECONDS: '600',
      COMMENT_FLOOD_WINDOW_SECONDS: '15',
      COMMENT_POST_MODERATED_ARTICLES: POST_MODERATED_SLUG,
    });
    publisher = service.app.get(EventPublisher);
    look = lookAt(service);
    news = await probe.collect(service.topic(Topics.NewsComments));
  });

  afterAll(async () => {
    await probe.close();
    await service?.close();
  });

  const send = (command: CommentSubmittedData, key: string) =>
    publisher.publish(Topics.CommentSubmissions, 'CommentSubmitted', key, command);
  const publishArticle = (article: ArticleSnapshotData) => publisher.publish(Topics.NewsArticles, 'ArticlePublished', article.id, article);
  const newsFor = (id: string) => news.filter((message) => JSON.parse(message.value!).commentId === id);

  it('parks the comment once however often it is delivered, and moderates it when the article arrives', async () => {
    const article = anArticle();
    const parkedBefore = await look.counted('parked');
    const command = submission(article.slug);
    await send(command, article.slug);
    const first = await look.parkedEventually(command.commentId);
    expect(first).toMatchObject({ articleRef: article.slug, submission: command });

    await send(command, article.slug);
    await send(command, article.slug);
    // Sent after the redeliveries on the same partition: once it is parked, they have been handled.
    const marker = submission(article.slug);
    await send(marker, article.slug);
    await look.parkedEventually(marker.commentId);
    expect(await look.parked(command.commentId)).toEqual(first);
    expect(await look.counted('parked')).toBe(parkedBefore + 2);
    expect(await look.waitingNow()).toBeGreaterThanOrEqual(2);
    // Not rejected, not visible: no decision yet, nothing told to partners.
    expect(await look.comment(command.commentId)).toBeNull();
    expect(newsFor(command.commentId)).toEqual([]);

    await publishArticle(article);
    const moderated = await look.moderated(command.commentId);
    expect(moderated).toMatchObject({ status: 'pending', reason: 'first-time-commenter', articleId: article.id, revision: 1 });
    await look.moderated(marker.commentId);
    await eventually(async () => expect(await look.waitingFor(article.slug)).toEqual([]));
  });

  it('moderates parked comments in submission order, by id or slug, with flood control at their own times', async () => {
    const article = anArticle();
    const email = `flood.${randomUUID().slice(0, 8)}@example.org`;
    const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();
    const earliest = submission(article.id, { authorEmail: email, submittedAt: at(60) });
    const fiveSecondsLater = submission(article.slug, { authorEmail: email, submittedAt: at(55) });
    const halfAMinuteLater = submission(article.id, { authorEmail: email, submittedAt: at(30) });
    // Delivered in the reverse order: in that order, the earliest would be the flood.
    for (const command of [halfAMinuteLater, fiveSecondsLater, earliest]) await send(command, article.id);
    for (const command of [halfAMinuteLater, fiveSecondsLater, earliest]) await look.parkedEventually(command.commentId);
    expect((await look.parked(earliest.commentId))?.articleRef).toBe(article.id);

    await publishArticle(article);
    const outcomes = await Promise.all([earliest, fiveSecondsLater, halfAMinuteLater].map((command) => look.moderated(command.commentId)));
    expect(outcomes.map(({ status, reason }) => ({ status, reason }))).toEqual([
      { status: 'pending', reason: 'first-time-commenter' },
      { status: 'rejected', reason: 'flood' },
      { status: 'pending', reason: 'first-time-commenter' },
    ]);
    expect(outcomes.every((comment) => comment.articleId === article.id)).toBe(true);
    await eventually(async () => expect([...(await look.waitingFor(article.id)), ...(await look.waitingFor(article.slug))]).toEqual([]));
  });

  it('stores one decision and one announcement when the article event and other replicas release a comment at once', async () => {
    const article = anArticle(POST_MODERATED_SLUG);
    const command = submission(article.slug);
    await service.app.get(CommentModerationService).moderateSubmission(command);
    expect(await look.parked(command.commentId)).not.toBeNull();
    expect(await look.comment(command.commentId)).toBeNull();

    const releaser = service.app.get(AwaitingArticleService);
    await Promise.all([
      service.app.get(KnownArticlesService).recordSnapshot(article),
      releaser.releaseFor({ id: article.id, slug: article.slug }),
      releaser.releaseFor({ id: article.id, slug: article.slug }),
    ]);
    const comment = (await look.comment(command.commentId)) as CommentRecord;
    expect(comment).toMatchObject({ status: 'approved', reason: 'post-moderated', revision: 1, articleId: article.id });
    expect(await look.parked(command.commentId)).toBeNull();
    const events = await eventually(() => {
      const found = newsFor(command.commentId);
      expect(found.length).toBeGreaterThanOrEqual(1);
      return found;
    });
    expect(new Set(events.map((event) => event.headers.ce_id))).toEqual(new Set([`comment-${command.commentId}-r1`]));
    expect(events[0].value).not.toMatch(/example\.org|203\.0\.113/i);
  });
});

describe('comments whose article never arrives (real broker and store, a one-second wait)', () => {
  let service: TestApp;
  let look: ReturnType<typeof lookAt>;

  beforeAll(async () => {
    service = await startCommentService('awaiting-article-expiry', { COMMENT_ARTICLE_WAIT_SECONDS: '1' });
    look = lookAt(service);
  });

  afterAll(async () => {
    await service?.close();
  });

  it('rejects a parked comment as article-unknown once the wait is over', async () => {
    const slug = `never-published-${randomUUID().slice(0, 8)}`;
    const command = submission(slug);
    await service.app.get(EventPublisher).publish(Topics.CommentSubmissions, 'CommentSubmitted', slug, command);
    const comment = await look.moderated(command.commentId);
    expect(comment).toMatchObject({ status: 'rejected', reason: 'article-unknown', articleSlug: slug });
    expect(comment.articleId).toBeUndefined();
    await eventually(async () => expect(await look.parked(command.commentId)).toBeNull());
  });

  it('lets each expired comment go once when two replicas sweep at once', async () => {
    const slug = `never-published-${randomUUID().slice(0, 8)}`;
    const moderation = service.app.get(CommentModerationService);
    const commands = [submission(slug), submission(slug), submission(slug)];
    for (const command of commands) await moderation.moderateSubmission(command);
    const expiredBefore = await look.counted('expired');

    const releaser = service.app.get(AwaitingArticleService);
    const later = new Date(Date.now() + 5000);
    await Promise.all([releaser.sweep(later), releaser.sweep(later)]);
    // The periodic sweep may have taken some of them; it claims them too.
    await eventually(async () => expect(await look.waitingFor(slug)).toEqual([]));
    expect(await look.counted('expired')).toBe(expiredBefore + commands.length);
    for (const command of commands) {
      expect(await look.comment(command.commentId)).toMatchObject({ status: 'rejected', reason: 'article-unknown' });
    }
  });
});

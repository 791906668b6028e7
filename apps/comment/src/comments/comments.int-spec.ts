import { ServiceConfigModule } from '@frontpage/config';
import { CommentSubmittedData, EventDataOf, Topics } from '@frontpage/contracts';
import { EventPublisher, MessagingModule } from '@frontpage/messaging';
import { PlatformModule, StoreModule } from '@frontpage/platform';
import { eventually, KafkaProbe, ProbedMessage } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { CommentConfig } from '../comment.config';
import { KnownArticlesModule } from '../known-articles/known-articles.module';
import { CommentModerationService } from './comment-moderation.service';
import { CommentThreadsService } from './comment-threads.service';
import { CommentRepository } from './comment.repository';
import { CommentsModule } from './comments.module';

jest.setTimeout(60_000);

describe('comment service against the real broker and store', () => {
  let service: TestApp;
  let publisher: EventPublisher;
  let comments: CommentRepository;
  let news: ProbedMessage[];
  const probe = new KafkaProbe();
  const articleId = randomUUID();
  const slug = `a-story-${articleId.slice(0, 8)}`;

  beforeAll(async () => {
    service = await startTestApp({
      label: 'comments',
      imports: () => [
        ServiceConfigModule.forService('comment', CommentConfig),
        PlatformModule,
        StoreModule.forRoot(),
        MessagingModule,
        KnownArticlesModule,
        CommentsModule,
      ],
      consume: true,
      // No flood window: these tests send one commenter's comments in quick succession.
      env: { COMMENT_FLOOD_WINDOW_SECONDS: '0', COMMENT_MAX_DEPTH: '2' },
    });
    publisher = service.app.get(EventPublisher);
    comments = service.app.get(CommentRepository);
    news = await probe.collect(service.topic(Topics.NewsComments));
    const article: EventDataOf<typeof Topics.NewsArticles, 'ArticlePublished'> = {
      id: articleId,
      slug,
      version: 1,
      source: 'wire',
      sourceId: articleId,
      headline: 'A story',
      body: 'Body.',
      tags: [],
      publishedAt: new Date().toISOString(),
      updatedAt: new Date().toISOString(),
    };
    await publisher.publish(Topics.NewsArticles, 'ArticlePublished', articleId, article);
    await eventually(async () => expect((await service.app.get(CommentThreadsService).threads(slug, 'oldest')).total).toBe(0));
  });

  afterAll(async () => {
    await probe.close();
    await service?.close();
  });

  const submission = (overrides: Partial<CommentSubmittedData> = {}): CommentSubmittedData => ({
    commentId: randomUUID(),
    articleSlug: slug,
    authorName: 'Ann',
    authorEmail: 'Ann.Int@Example.org',
    body: `Comment ${randomUUID()}`,
    clientAddress: '203.0.113.7',
    submittedAt: new Date().toISOString(),
    ...overrides,
  });
  const send = (command: CommentSubmittedData) => publisher.publish(Topics.CommentSubmissions, 'CommentSubmitted', slug, command);
  const stored = (id: string) => eventually(async () => (await comments.findById(id)) ?? Promise.reject(new Error(`${id} not stored yet`)));
  const newsFor = (id: string) => news.filter((message) => JSON.parse(message.value!).commentId === id);

  it('holds a first comment; a redelivered submission has no second effect', async () => {
    const command = submission();
    await send(command);
    const first = await stored(command.commentId);
    expect(first).toMatchObject({ status: 'pending', reason: 'first-time-commenter', revision: 1, authorEmail: 'Ann.Int@Example.org' });
    expect(first.commenterHash).toMatch(/^[0-9a-f]{64}$/);

    await send(command);
    await send({ ...command, body: 'changed on the way?' });
    // A later comment, sent after the redeliveries, is handled: so they have been too.
    const marker = submission({ authorEmail: 'someone.else@example.org' });
    await send(marker);
    await stored(marker.commentId);
    expect(await comments.findById(command.commentId)).toEqual(first);
  });

  it('publishes an approval once per revision (same event id on retry) and trusts the commenter afterwards', async () => {
    const command = submission({ authorEmail: 'trusted.int@example.org' });
    await send(command);
    await stored(command.commentId);
    const moderation = service.app.get(CommentModerationService);
    await moderation.act(command.commentId, 'approve');
    await moderation.act(command.commentId, 'approve');

    const events = await eventually(() => {
      const found = newsFor(command.commentId);
      expect(found.length).toBeGreaterThanOrEqual(2);
      return found;
    });
    expect(new Set(events.map((event) => event.headers.ce_id))).toEqual(new Set([`comment-${command.commentId}-r2`]));
    expect(events[0].key).toBe(articleId);
    expect(events[0].headers.ce_type).toBe('CommentPublished');
    expect(JSON.parse(events[0].value!)).toMatchObject({ commentId: command.commentId, articleId, revision: 2, authorName: 'Ann' });
    expect(events[0].value).not.toMatch(/example\.org|203\.0\.113/i);

    // The same commenter, by a differently written address, is now trusted: published at once.
    const second = submission({ authorEmail: 'TRUSTED.int@Example.ORG' });
    await send(second);
    expect(await stored(second.commentId)).toMatchObject({ status: 'approved', reason: 'trusted-commenter' });
    await eventually(() =>
      expect(newsFor(second.commentId).map((event) => event.headers.ce_id)).toContain(`comment-${second.commentId}-r1`),
    );

    // Removing it tells partners, with the next revision.
    await moderation.act(second.commentId, 'spam');
    await eventually(() => {
      const removed = newsFor(second.commentId).find((event) => event.headers.ce_type === 'CommentRemoved');
      expect(JSON.parse(removed!.value!)).toMatchObject({ commentId: second.commentId, revision: 2, reason: 'spam' });
    });
  });

  it('attaches a reply beyond the depth limit to the deepest allowed ancestor and counts replies', async () => {
    const moderation = service.app.get(CommentModerationService);
    const root = submission({ authorEmail: 'root.int@example.org' });
    await send(root);
    await stored(root.commentId);
    await moderation.act(root.commentId, 'approve');
    const reply = submission({ authorEmail: 'root.int@example.org', parentId: root.commentId });
    await send(reply);
    expect(await stored(reply.commentId)).toMatchObject({ status: 'approved', parentId: root.commentId, depth: 1 });
    const deeper = submission({ authorEmail: 'root.int@example.org', parentId: reply.commentId });
    await send(deeper);
    expect(await stored(deeper.commentId)).toMatchObject({ status: 'approved', parentId: root.commentId, depth: 1 });

    const threads = await eventually(async () => {
      const page = await service.app.get(CommentThreadsService).threads(articleId, 'top');
      expect(page.items[0]).toMatchObject({ id: root.commentId, repliesCount: 2 });
      return page;
    });
    expect(threads.items[0].replies.map((item) => item.id)).toEqual([reply.commentId, deeper.commentId]);
    expect(JSON.stringify(threads)).not.toMatch(/example\.org|203\.0\.113/i);
  });
});

import { getConnectionToken, getModelToken } from '@nestjs/mongoose';
import { ServiceConfigModule } from '@frontpage/config';
import { articleIdFor, ArticleSnapshotData, ArticleSubmittedData, ErrorCodes, Topics } from '@frontpage/contracts';
import { MessagingModule } from '@frontpage/messaging';
import { AppError, PlatformModule, StoreModule } from '@frontpage/platform';
import { eventually, KafkaProbe, ProbedMessage } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import type { Connection, Model } from 'mongoose';
import { randomBytes, randomUUID } from 'node:crypto';
import { ArticleConfig } from '../article.config';
import { BAND_KEY_COLLECTION } from './article-band-key.schema';
import { ArticleRepository } from './article.repository';
import { Article } from './article.schema';
import { ArticlesModule } from './articles.module';
import { ArticlesService } from './articles.service';
import { contentHash } from './content-hash';
import { MINHASH_BANDS } from './minhash';
import { disambiguatedSlug, slugFromHeadline } from './slug';

const SOURCE = 'wire';

const VOCABULARY = (
  'harbour bridge council minister storm river market shares bank rates school hospital vaccine flood power road rail ' +
  'strike union election court police fire farm export budget tax museum festival match league coach season energy ' +
  'wind solar oil gas price wage rent housing airport flight port ship trade border army talks treaty climate summit'
).split(' ');

/** A body of `words` words drawn at random: two of these share (almost) no three-word phrase. */
function aStoryBody(words = 120): string {
  const bytes = randomBytes(words);
  return Array.from(bytes, (byte, index) => `${VOCABULARY[byte % VOCABULARY.length]}${index % 12 === 11 ? '.' : ''}`).join(' ');
}

/** A republisher's copy: another dateline and a few words changed. */
function aCopyOf(body: string): string {
  const words = `LONDON (Partner) - ${body}`.split(' ');
  for (const at of [10, 30, 50, 70, 90]) words[at] = 'reportedly';
  return words.join(' ');
}

function aSubmission(overrides: Partial<ArticleSubmittedData> = {}): ArticleSubmittedData {
  const sourceId = overrides.sourceId ?? randomUUID();
  return {
    articleId: articleIdFor(overrides.source ?? SOURCE, sourceId),
    source: SOURCE,
    sourceId,
    headline: `Harbour bridge reopens ${sourceId.slice(0, 8)}`,
    body: 'The bridge reopened on Monday after two years of repairs.',
    bodyFormat: 'text',
    section: 'europe',
    tags: ['transport', 'lisbon'],
    byline: 'Staff Reporter',
    dateline: 'LISBON -',
    publishedAt: '2024-03-05T10:00:00.000Z',
    sourceUpdatedAt: '2024-03-05T10:00:00.000Z',
    receivedAt: '2024-03-05T10:00:05.000Z',
    ...overrides,
  };
}

/** The same submission as revised by the source later. */
function revised(submission: ArticleSubmittedData, minutesLater: number, changes: Partial<ArticleSubmittedData>): ArticleSubmittedData {
  const at = new Date(new Date(submission.sourceUpdatedAt).getTime() + minutesLater * 60_000).toISOString();
  return { ...submission, sourceUpdatedAt: at, receivedAt: at, ...changes };
}

describe('ArticlesService against the store and the broker', () => {
  let service: TestApp;
  let articles: ArticlesService;
  let repository: ArticleRepository;
  let model: Model<Article>;
  const probe = new KafkaProbe();
  let announced: ProbedMessage[];

  const announcementsOf = (id: string) => announced.filter((message) => message.key === id);
  const versionsAnnounced = (id: string) =>
    announcementsOf(id).map((message) => `${message.headers.ce_type} ${(JSON.parse(message.value!) as ArticleSnapshotData).version}`);
  /** Waits until exactly these announcements of the article are on the topic, in this order. */
  const awaitAnnouncements = (id: string, expected: string[]) =>
    eventually(() => {
      expect(versionsAnnounced(id)).toEqual(expected);
      return announcementsOf(id);
    });

  beforeAll(async () => {
    service = await startTestApp({
      label: 'article-service',
      imports: () => [
        ServiceConfigModule.forService('article', ArticleConfig),
        PlatformModule,
        StoreModule.forRoot(),
        MessagingModule,
        ArticlesModule,
      ],
    });
    articles = service.app.get(ArticlesService);
    repository = service.app.get(ArticleRepository);
    model = service.app.get<Model<Article>>(getModelToken(Article.name));
    // Unique indexes are built at start-up; without them the duplicate handling is never exercised.
    await model.ensureIndexes();
    announced = await probe.collect(service.topic(Topics.NewsArticles));
  }, 60_000);

  afterAll(async () => {
    await probe.close();
    await service?.close();
  }, 30_000);

  it('stores a new article at version 1 and announces it as ArticlePublished', async () => {
    const submission = aSubmission();
    const id = submission.articleId;

    await expect(articles.applySubmission(submission)).resolves.toBe('created');

    const stored = await repository.findById(id);
    expect(stored).toMatchObject({
      _id: id,
      slug: slugFromHeadline(submission.headline),
      version: 1,
      announcedVersion: 1,
      status: 'published',
      source: SOURCE,
      sourceId: submission.sourceId,
      headline: submission.headline,
      publishedAt: new Date(submission.publishedAt!),
      sourceUpdatedAt: new Date(submission.sourceUpdatedAt),
    });
    const [message] = await awaitAnnouncements(id, ['ArticlePublished 1']);
    expect(message.headers).toMatchObject({
      ce_id: `${id}:v1`,
      ce_type: 'ArticlePublished',
      ce_subject: id,
      ce_source: '/frontpage/article',
    });
    expect(JSON.parse(message.value!)).toEqual({
      id,
      slug: stored!.slug,
      version: 1,
      source: SOURCE,
      sourceId: submission.sourceId,
      headline: submission.headline,
      body: submission.body,
      section: 'europe',
      tags: ['transport', 'lisbon'],
      byline: 'Staff Reporter',
      dateline: 'LISBON -',
      publishedAt: submission.publishedAt,
      updatedAt: stored!.updatedAt.toISOString(),
    });
  });

  it('changes nothing and announces nothing for an identical resubmission', async () => {
    const submission = aSubmission();
    const id = submission.articleId;
    await articles.applySubmission(submission);
    const before = await repository.findById(id);

    await expect(articles.applySubmission({ ...submission, receivedAt: new Date().toISOString() })).resolves.toBe('unchanged');
    // Tags in another order are the same content.
    await expect(articles.applySubmission({ ...submission, tags: ['lisbon', 'transport'] })).resolves.toBe('unchanged');

    expect(await repository.findById(id)).toEqual(before);
    // A later change on the same key (so the same partition) shows nothing was published in between.
    await articles.applySubmission(revised(submission, 5, { body: 'Updated body.' }));
    await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2']);
  });

  it('makes a new version for changed content, announced as ArticleUpdated, keeping the slug', async () => {
    const submission = aSubmission();
    const id = submission.articleId;
    await articles.applySubmission(submission);
    const first = await repository.findById(id);

    const change = revised(submission, 10, { headline: `A different headline ${submission.sourceId}`, tags: ['transport'] });
    await expect(articles.applySubmission(change)).resolves.toBe('updated');

    const stored = await repository.findById(id);
    expect(stored).toMatchObject({ version: 2, announcedVersion: 2, slug: first!.slug, headline: change.headline, tags: ['transport'] });
    expect(stored!.createdAt).toEqual(first!.createdAt);
    expect(stored!.updatedAt.getTime()).toBeGreaterThanOrEqual(first!.updatedAt.getTime());
    const [, update] = await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2']);
    expect(update.headers).toMatchObject({ ce_id: `${id}:v2`, ce_type: 'ArticleUpdated' });
    expect(JSON.parse(update.value!)).toMatchObject({ id, version: 2, slug: first!.slug, headline: change.headline, tags: ['transport'] });
  });

  it('stores the blocks of a new version without the fields they leave out', async () => {
    // Validated submissions are class instances whose absent fields exist as `undefined`.
    const blocks = [
      { type: 'paragraph', text: 'First paragraph.', cite: undefined, items: undefined },
      { type: 'quote', text: 'A quote.', cite: 'A speaker', url: undefined },
    ] as ArticleSubmittedData['blocks'];
    const submission = aSubmission({ blocks });
    const id = submission.articleId;
    await articles.applySubmission(submission);
    await articles.applySubmission(revised(submission, 10, { body: 'Changed.', blocks }));

    const stored = await repository.findById(id);
    expect(stored).toMatchObject({ version: 2 });
    expect(stored!.blocks).toEqual([
      { type: 'paragraph', text: 'First paragraph.' },
      { type: 'quote', text: 'A quote.', cite: 'A speaker' },
    ]);
  });

  it('ignores a revision older than the stored one, and announces nothing for it', async () => {
    const submission = aSubmission();
    const id = submission.articleId;
    await articles.applySubmission(submission);
    await articles.applySubmission(revised(submission, 30, { body: 'Second version.' }));

    await expect(articles.applySubmission(revised(submission, 15, { body: 'An older draft.' }))).resolves.toBe('stale');
    expect(await repository.findById(id)).toMatchObject({ version: 2, body: 'Second version.' });

    await articles.applySubmission(revised(submission, 45, { body: 'Third version.' }));
    await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2', 'ArticleUpdated 3']);
  });

  it('keeps the first publish time when a revision does not say one', async () => {
    const submission = aSubmission({ publishedAt: undefined, receivedAt: '2024-03-05T11:00:00.000Z' });
    const id = submission.articleId;
    await articles.applySubmission(submission);
    await articles.applySubmission(revised(submission, 60, { body: 'Revised without a publish time.' }));

    expect((await repository.findById(id))!.publishedAt).toEqual(new Date('2024-03-05T11:00:00.000Z'));
    const messages = await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2']);
    expect(messages.map((message) => (JSON.parse(message.value!) as ArticleSnapshotData).publishedAt)).toEqual([
      '2024-03-05T11:00:00.000Z',
      '2024-03-05T11:00:00.000Z',
    ]);
  });

  it('gives two articles with the same headline distinct slugs, the second with a suffix of its id', async () => {
    const headline = `Storm closes the harbour ${randomUUID().slice(0, 8)}`;
    const first = aSubmission({ headline });
    const second = aSubmission({ headline });

    await articles.applySubmission(first);
    await articles.applySubmission(second);

    const slug = slugFromHeadline(headline);
    expect((await repository.findById(first.articleId))!.slug).toBe(slug);
    expect((await repository.findById(second.articleId))!.slug).toBe(disambiguatedSlug(slug, second.articleId));
    const [secondAnnounced] = await awaitAnnouncements(second.articleId, ['ArticlePublished 1']);
    expect(JSON.parse(secondAnnounced.value!)).toMatchObject({ slug: disambiguatedSlug(slug, second.articleId) });
  });

  it('gives two articles with the same headline submitted at the same time distinct slugs, each announced with its own (a retry allowed)', async () => {
    const headline = `Ferry strike ends ${randomUUID().slice(0, 8)}`;
    const submissions = [aSubmission({ headline }), aSubmission({ headline })];

    const outcomes = await Promise.allSettled(submissions.map((submission) => articles.applySubmission(submission)));

    // The loser of the race for the slug may fail once; the consumer retries it, and the retry must create it.
    expect(outcomes.some((outcome) => outcome.status === 'fulfilled' && outcome.value === 'created')).toBe(true);
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome.status === 'rejected') await expect(articles.applySubmission(submissions[index])).resolves.toBe('created');
      else expect(outcome.value).toBe('created');
    }
    const stored = await Promise.all(submissions.map((submission) => repository.findById(submission.articleId)));
    expect(new Set(stored.map((article) => article!.slug)).size).toBe(2);
    for (const article of stored) {
      const [message] = await awaitAnnouncements(article!._id, ['ArticlePublished 1']);
      expect((JSON.parse(message.value!) as ArticleSnapshotData).slug).toBe(article!.slug);
    }
  });

  describe('an announcement lost between the store write and the publish', () => {
    it('is made on the next identical delivery, with the same event id', async () => {
      const submission = aSubmission();
      const id = submission.articleId;
      await articles.applySubmission(submission);
      await awaitAnnouncements(id, ['ArticlePublished 1']);
      // As if the process had died after writing and before publishing.
      await model.updateOne({ _id: id }, { $set: { announcedVersion: 0 } }).exec();

      await expect(articles.applySubmission(submission)).resolves.toBe('unchanged');

      const messages = await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticlePublished 1']);
      expect(messages.map((message) => message.headers.ce_id)).toEqual([`${id}:v1`, `${id}:v1`]);
      expect((await repository.findById(id))!.announcedVersion).toBe(1);
      // Announced now: a further identical delivery publishes nothing more.
      await articles.applySubmission(submission);
      await articles.applySubmission(revised(submission, 1, { body: 'Next.' }));
      await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticlePublished 1', 'ArticleUpdated 2']);
    });

    it('is made for an article that was stored but never announced', async () => {
      const submission = aSubmission();
      const id = submission.articleId;
      const content = {
        headline: submission.headline,
        body: submission.body,
        bodyFormat: submission.bodyFormat,
        section: submission.section,
        tags: submission.tags,
        byline: submission.byline,
        dateline: submission.dateline,
        publishedAt: new Date(submission.publishedAt!),
      };
      const now = new Date();
      await repository.insert({
        _id: id,
        slug: slugFromHeadline(submission.headline),
        source: submission.source,
        sourceId: submission.sourceId,
        version: 1,
        announcedVersion: 0,
        contentHash: contentHash(content),
        status: 'published',
        ...content,
        sourceUpdatedAt: new Date(submission.sourceUpdatedAt),
        createdAt: now,
        updatedAt: now,
      });

      await expect(articles.applySubmission(submission)).resolves.toBe('unchanged');

      const [message] = await awaitAnnouncements(id, ['ArticlePublished 1']);
      expect(message.headers.ce_id).toBe(`${id}:v1`);
      expect((await repository.findById(id))!.announcedVersion).toBe(1);
    });

    it('is made for an updated version even when the next delivery is an older revision', async () => {
      const submission = aSubmission();
      const id = submission.articleId;
      await articles.applySubmission(submission);
      await articles.applySubmission(revised(submission, 20, { body: 'Version two.' }));
      await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2']);
      await model.updateOne({ _id: id }, { $set: { announcedVersion: 1 } }).exec();

      await expect(articles.applySubmission(revised(submission, 10, { body: 'Older.' }))).resolves.toBe('stale');

      const messages = await awaitAnnouncements(id, ['ArticlePublished 1', 'ArticleUpdated 2', 'ArticleUpdated 2']);
      expect(messages[2].headers.ce_id).toBe(`${id}:v2`);
      expect(JSON.parse(messages[2].value!)).toMatchObject({ version: 2, body: 'Version two.' });
    });
  });

  describe('find', () => {
    it('finds a published article by its slug and by its id, in any case', async () => {
      const submission = aSubmission();
      await articles.applySubmission(submission);
      const slug = slugFromHeadline(submission.headline);

      expect(await articles.find(slug)).toMatchObject({ _id: submission.articleId, slug });
      expect(await articles.find(slug.toUpperCase())).toMatchObject({ _id: submission.articleId });
      expect(await articles.find(submission.articleId)).toMatchObject({ _id: submission.articleId, slug });
      expect(await articles.find(submission.articleId.toUpperCase())).toMatchObject({ _id: submission.articleId });
    });

    it.each([
      ['an unknown slug', 'no-such-story-anywhere'],
      ['an unknown id', randomUUID()],
    ])('answers %s with a 404 ARTICLE.NOT_FOUND', async (_label, idOrSlug) => {
      const failure = articles.find(idOrSlug);
      await expect(failure).rejects.toBeInstanceOf(AppError);
      await expect(failure).rejects.toMatchObject({ code: ErrorCodes.ArticleNotFound, httpStatus: 404 });
    });

    it('serves the article view over HTTP, and a 404 body for an unknown slug', async () => {
      const submission = aSubmission();
      await articles.applySubmission(submission);
      const slug = slugFromHeadline(submission.headline);
      const http = service.app.getHttpAdapter().getInstance();

      const found = await http.inject({ method: 'GET', url: `/v1/articles/${slug}` });
      expect(found.statusCode).toBe(200);
      expect(found.json()).toMatchObject({
        id: submission.articleId,
        slug,
        version: 1,
        headline: submission.headline,
        publishedAt: submission.publishedAt,
      });

      const missing = await http.inject({ method: 'GET', url: '/v1/articles/no-such-story-anywhere' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toEqual({ error: { code: ErrorCodes.ArticleNotFound, message: expect.any(String) } });
    });
  });

  it('stores one article when the same new article is applied twice at the same time', async () => {
    const runs = Array.from({ length: 4 }, () => aSubmission());

    const outcomes = await Promise.all(
      runs.map((submission) => Promise.allSettled([articles.applySubmission(submission), articles.applySubmission(submission)])),
    );

    for (const [index, submission] of runs.entries()) {
      expect(outcomes[index].map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled']);
      const values = outcomes[index].map((outcome) => (outcome as PromiseFulfilledResult<string>).value).sort();
      expect(['created,unchanged', 'created,created']).toContain(values.join(','));
      expect(await model.countDocuments({ _id: submission.articleId }).exec()).toBe(1);
      const stored = await repository.findById(submission.articleId);
      expect([1, 2]).toContain(stored!.version);
      expect(stored!.slug).toBe(slugFromHeadline(submission.headline));
      await eventually(() => expect(versionsAnnounced(submission.articleId)).toContain('ArticlePublished 1'));
    }
  });

  describe('near-duplicates', () => {
    const sources = () => {
      const run = randomUUID().slice(0, 8);
      return { wire: `wire-${run}`, partner: `partner-${run}`, other: `other-${run}` };
    };

    it('records a copy from another source as a duplicate of the first article, also behind 300 unrelated ones', async () => {
      const { wire, partner, other } = sources();
      const story = aStoryBody();
      const original = aSubmission({ source: wire, body: story });
      await expect(articles.applySubmission(original)).resolves.toBe('created');
      const originalId = original.articleId;
      // More stories than the old lookup read (200, oldest first): the original must still be found.
      for (let i = 0; i < 300; i++) {
        const unrelated = aSubmission({ source: other, body: aStoryBody() });
        await expect(articles.applySubmission(unrelated)).resolves.toBe('created');
      }
      // Each unrelated story took the first slot of each of its keys: none shared a key with another.
      const connection = service.app.get<Connection>(getConnectionToken());
      const held = (filter: Record<string, unknown>) => connection.collection(BAND_KEY_COLLECTION).countDocuments(filter);
      expect(await held({ source: other })).toBe(300 * MINHASH_BANDS);
      expect(await held({ source: other, _id: { $not: /#0$/ } })).toBe(0);

      const copy = aSubmission({ source: partner, body: aCopyOf(story) });
      await expect(articles.applySubmission(copy)).resolves.toBe('duplicate');
      expect(await repository.findById(copy.articleId)).toMatchObject({ status: 'duplicate', duplicateOf: originalId });
      // A redelivery changes nothing.
      await expect(articles.applySubmission(copy)).resolves.toBe('duplicate');

      // A second copy from a third source copies the first article too, not the first copy.
      const third = `third-${randomUUID().slice(0, 8)}`;
      const second = aSubmission({ source: third, body: aCopyOf(story) });
      await expect(articles.applySubmission(second)).resolves.toBe('duplicate');
      expect(await repository.findById(second.articleId)).toMatchObject({ duplicateOf: originalId });

      // Nothing is announced for a duplicate: the original's announcement is followed by no other for the copy.
      await awaitAnnouncements(originalId, ['ArticlePublished 1']);
      expect(announcementsOf(copy.articleId)).toEqual([]);
    }, 180_000);

    it('publishes a copy from the same source; a later copy copies the oldest article still published', async () => {
      const { wire, partner, other } = sources();
      const story = aStoryBody();
      const first = aSubmission({ source: wire, body: story });
      await expect(articles.applySubmission(first)).resolves.toBe('created');

      const again = aSubmission({ source: wire, body: aCopyOf(story) });
      await expect(articles.applySubmission(again)).resolves.toBe('created');
      const stored = await repository.findById(again.articleId);
      expect(stored).toMatchObject({ status: 'published' });
      expect(stored!.duplicateOf).toBeUndefined();

      const copy = aSubmission({ source: partner, body: aCopyOf(story) });
      await expect(articles.applySubmission(copy)).resolves.toBe('duplicate');
      expect(await repository.findById(copy.articleId)).toMatchObject({ duplicateOf: first.articleId });

      const withdraw = (submission: ArticleSubmittedData) =>
        articles.applyWithdrawal({ ...submission, reason: 'legal', requestedAt: new Date().toISOString() });
      await withdraw(first);
      const afterFirst = aSubmission({ source: other, body: aCopyOf(story) });
      await expect(articles.applySubmission(afterFirst)).resolves.toBe('duplicate');
      expect(await repository.findById(afterFirst.articleId)).toMatchObject({ duplicateOf: again.articleId });

      // Neither wire article is published any more, and the copies are duplicates: the next copy is an original.
      await withdraw(again);
      const last = aSubmission({ source: `last-${randomUUID().slice(0, 8)}`, body: aCopyOf(story) });
      await expect(articles.applySubmission(last)).resolves.toBe('created');
      await awaitAnnouncements(last.articleId, ['ArticlePublished 1']);
    });

    it('records copies from several sources arriving at the same time as duplicates of the original', async () => {
      const { wire } = sources();
      const story = aStoryBody();
      const original = aSubmission({ source: wire, body: story });
      await articles.applySubmission(original);
      const copies = Array.from({ length: 4 }, (_, i) =>
        aSubmission({ source: `copier-${i}-${randomUUID().slice(0, 8)}`, body: aCopyOf(story) }),
      );

      await expect(Promise.all(copies.map((copy) => articles.applySubmission(copy)))).resolves.toEqual([
        'duplicate',
        'duplicate',
        'duplicate',
        'duplicate',
      ]);

      for (const copy of copies) expect(await repository.findById(copy.articleId)).toMatchObject({ duplicateOf: original.articleId });
    });

    it('does not compare a body too short to judge', async () => {
      const { wire, partner } = sources();
      const body = aStoryBody(30);
      await articles.applySubmission(aSubmission({ source: wire, body }));
      const copy = aSubmission({ source: partner, body });
      await expect(articles.applySubmission(copy)).resolves.toBe('created');
      expect((await repository.findById(copy.articleId))!.minhash).toBeUndefined();
    });
  });
});

import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleSubmittedData, ArticleWithdrawalRequestedData, ErrorCodes, Topics } from '@frontpage/contracts';
import { EventPublisher } from '@frontpage/messaging';
import { AppError } from '@frontpage/platform';
import { ArticleRecord, ArticleRepository, DuplicateArticleError } from './article.repository';
import { contentHash } from './content-hash';
import { encodeSignature, minhashSignature } from './minhash';
import { NearDuplicateFinder } from './near-duplicate-finder';
import { disambiguatedSlug, slugFromHeadline } from './slug';

export type SubmissionOutcome = 'created' | 'updated' | 'unchanged' | 'stale' | 'duplicate';
export type WithdrawalOutcome = 'withdrawn' | 'unchanged' | 'unknown';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Owns articles and their versions. Every step is idempotent so that a redelivered submission
 * (after a crash, a rebalance or a replay) has no second effect, and an announcement that was
 * lost between the store write and the publish is made on the next delivery.
 */
@Injectable()
export class ArticlesService {
  private readonly logger = new Logger(ArticlesService.name);

  constructor(
    private readonly repository: ArticleRepository,
    private readonly nearDuplicates: NearDuplicateFinder,
    private readonly publisher: EventPublisher,
  ) {}

  async applySubmission(submission: ArticleSubmittedData): Promise<SubmissionOutcome> {
    const existing = await this.repository.findById(submission.articleId);
    const outcome = existing ? await this.revise(existing, submission) : await this.create(submission);
    this.logger.log({
      msg: `submission ${outcome}`,
      articleId: submission.articleId,
      source: submission.source,
      sourceId: submission.sourceId,
    });
    return outcome;
  }

  /** A kill: every version goes, the version is bumped and `ArticleWithdrawn` announced. Final. */
  async applyWithdrawal(request: ArticleWithdrawalRequestedData): Promise<WithdrawalOutcome> {
    const existing = await this.repository.findById(request.articleId);
    let outcome: WithdrawalOutcome;
    if (!existing) {
      // Commands are keyed by article id, so a kill never overtakes its own article: nothing to withdraw.
      outcome = 'unknown';
    } else if (existing.status === 'withdrawn') {
      await this.announceIfPending(existing);
      outcome = 'unchanged';
    } else {
      const now = new Date();
      const next: ArticleRecord = {
        ...existing,
        status: 'withdrawn',
        version: existing.version + 1,
        withdrawnAt: now,
        withdrawalReason: request.reason,
        updatedAt: now,
      };
      if (!(await this.repository.replaceVersion(existing.version, next))) {
        throw new Error(`article ${existing._id} changed while it was being withdrawn`);
      }
      await this.announce(next);
      outcome = 'withdrawn';
    }
    this.logger.log({ msg: `withdrawal ${outcome}`, articleId: request.articleId, source: request.source, sourceId: request.sourceId });
    return outcome;
  }

  async find(idOrSlug: string): Promise<ArticleRecord> {
    const article = UUID.test(idOrSlug)
      ? await this.repository.findById(idOrSlug.toLowerCase())
      : await this.repository.findBySlug(idOrSlug.toLowerCase());
    if (!article || article.status !== 'published') {
      throw new AppError(ErrorCodes.ArticleNotFound, `no article "${idOrSlug}"`, { httpStatus: 404 });
    }
    return article;
  }

  private async create(submission: ArticleSubmittedData): Promise<SubmissionOutcome> {
    const now = new Date();
    const content = contentOf(submission, new Date(submission.receivedAt));
    const signature = minhashSignature(submission.body);
    const { original } = signature
      ? await this.nearDuplicates.originalOf({ articleId: submission.articleId, source: submission.source, createdAt: now }, signature)
      : { original: undefined };
    const article: ArticleRecord = {
      _id: submission.articleId,
      slug: slugFromHeadline(submission.headline),
      source: submission.source,
      sourceId: submission.sourceId,
      version: 1,
      announcedVersion: 0,
      contentHash: contentHash(content),
      status: original ? 'duplicate' : 'published',
      ...content,
      sourceUpdatedAt: new Date(submission.sourceUpdatedAt),
      createdAt: now,
      updatedAt: now,
      ...(signature ? { minhash: encodeSignature(signature) } : {}),
      ...(original ? { duplicateOf: original._id } : {}),
    };
    // Insert first and look at the slug only on a collision: a taken slug is rare, and asking first
    // would cost every article one more query.
    let stored = article;
    try {
      await this.repository.insert(article);
    } catch (error) {
      if (!(error instanceof DuplicateArticleError)) throw error;
      // Another replica stored this article first: treat ours as a revision of theirs.
      const winner = error.field === 'slug' ? null : await this.repository.findById(submission.articleId);
      if (winner) return this.revise(winner, submission);
      // The store may not say which index refused the insert: the slug is the one left to check.
      if (error.field !== 'slug' && !(await this.repository.slugTakenByOther(article.slug, article._id))) throw error;
      stored = { ...article, slug: disambiguatedSlug(article.slug, article._id) };
      await this.repository.insert(stored);
    }
    if (original) {
      this.logger.log({ msg: 'near-duplicate recorded', articleId: stored._id, duplicateOf: original._id });
      return 'duplicate';
    }
    await this.announce(stored);
    return 'created';
  }

  private async revise(existing: ArticleRecord, submission: ArticleSubmittedData): Promise<SubmissionOutcome> {
    if (existing.status === 'withdrawn') return 'stale';
    // A copy stays a copy: its source's revisions are not published either.
    if (existing.status === 'duplicate') return 'duplicate';
    const sourceUpdatedAt = new Date(submission.sourceUpdatedAt);
    const content = contentOf(submission, existing.publishedAt);
    const hash = contentHash(content);
    if (sourceUpdatedAt < existing.sourceUpdatedAt || hash === existing.contentHash) {
      await this.announceIfPending(existing);
      return sourceUpdatedAt < existing.sourceUpdatedAt ? 'stale' : 'unchanged';
    }
    const next: ArticleRecord = {
      ...existing,
      ...content,
      version: existing.version + 1,
      contentHash: hash,
      sourceUpdatedAt,
      updatedAt: new Date(),
    };
    if (!(await this.repository.replaceVersion(existing.version, next))) {
      // A concurrent writer moved the article on; a retry re-reads and decides again.
      throw new Error(`article ${existing._id} changed while version ${next.version} was being written`);
    }
    await this.announce(next);
    return 'updated';
  }

  private async announceIfPending(article: ArticleRecord): Promise<void> {
    if (article.announcedVersion < article.version) await this.announce(article);
  }

  private async announce(article: ArticleRecord): Promise<void> {
    const options = { id: `${article._id}:v${article.version}`, subject: article._id };
    if (article.status === 'duplicate') return;
    if (article.status === 'withdrawn') {
      const withdrawn = {
        id: article._id,
        version: article.version,
        withdrawnAt: (article.withdrawnAt ?? article.updatedAt).toISOString(),
        reason: article.withdrawalReason,
      };
      await this.publisher.publish(Topics.NewsArticles, 'ArticleWithdrawn', article._id, withdrawn, options);
      await this.repository.markAnnounced(article._id, article.version);
      return;
    }
    const data: ArticleSnapshotData = {
      id: article._id,
      slug: article.slug,
      version: article.version,
      source: article.source,
      sourceId: article.sourceId,
      headline: article.headline,
      body: article.body,
      section: article.section,
      tags: article.tags,
      byline: article.byline,
      dateline: article.dateline,
      publishedAt: article.publishedAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
      blocks: article.blocks,
      standfirst: article.standfirst,
      teaser: article.teaser,
      canonicalUrl: article.canonicalUrl,
      language: article.language,
      entities: article.entities,
      readingTimeMinutes: article.readingTimeMinutes,
    };
    if (article.version === 1) await this.publisher.publish(Topics.NewsArticles, 'ArticlePublished', article._id, data, options);
    else await this.publisher.publish(Topics.NewsArticles, 'ArticleUpdated', article._id, data, options);
    await this.repository.markAnnounced(article._id, article.version);
  }
}

/**
 * A block's fields that carry a value. Blocks are stored as free-form objects, so an absent field
 * left as `undefined` would reach the store (and every later read) as `null` on an update.
 */
function definedFieldsOf<T extends object>(block: T): T {
  return Object.fromEntries(Object.entries(block).filter(([, value]) => value !== undefined && value !== null)) as T;
}

/** A submission without a publish time keeps the one the article already has (or its arrival time). */
function contentOf(submission: ArticleSubmittedData, defaultPublishedAt: Date) {
  return {
    headline: submission.headline,
    body: submission.body,
    bodyFormat: submission.bodyFormat,
    section: submission.section,
    tags: submission.tags,
    byline: submission.byline,
    dateline: submission.dateline,
    publishedAt: submission.publishedAt ? new Date(submission.publishedAt) : defaultPublishedAt,
    blocks: submission.blocks?.map(definedFieldsOf),
    standfirst: submission.standfirst,
    teaser: submission.teaser,
    canonicalUrl: submission.canonicalUrl,
    language: submission.language,
    entities: submission.entities && { ...submission.entities },
    readingTimeMinutes: submission.readingTimeMinutes,
  };
}

import { Injectable, Logger } from '@nestjs/common';
import { CommentSubmittedData, ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { CommentConfig } from '../comment.config';
import { commentingStateOf, isPostModerated } from '../known-articles/commenting-policy';
import { articleReferenceOf, KnownArticlesService } from '../known-articles/known-articles.service';
import { AwaitingArticleMetrics } from './awaiting-article/awaiting-article.metrics';
import { AwaitingComment } from './awaiting-article/awaiting-comment.schema';
import { AwaitingCommentRepository } from './awaiting-article/awaiting-comment.repository';
import { CommentNewsPublisher } from './comment-news.publisher';
import { CommentRecord, CommentRepository } from './comment.repository';
import { commenterHash, textHash } from './moderation/fingerprints';
import { CommentStatus, moderate, ModerationFacts, ModerationPolicy } from './moderation/pipeline';
import { sanitiseBody, sanitiseLine, sanitiseUrl } from './moderation/sanitize';
import { placeReply } from './moderation/threading';

export type ModeratorAction = 'approve' | 'reject' | 'spam';

const ACTION_TARGET: Record<ModeratorAction, CommentStatus> = { approve: 'approved', reject: 'rejected', spam: 'spam' };
const ALL_STATUSES: CommentStatus[] = ['pending', 'approved', 'rejected', 'spam'];

export interface ModerateOptions {
  /**
   * true (a fresh submission): a comment for an article not known yet is parked until the article
   * arrives. false (a parked one being let go): it is moderated as it stands, `article-unknown` if
   * the article is still not known.
   */
  awaitArticle?: boolean;
}

/**
 * Runs each submitted comment through the moderation pipeline and applies moderators' decisions.
 * A comment's status changes by single-document conditional updates; whenever one becomes
 * visible or stops being visible, partners hear of it on `news.comments.v1`.
 */
@Injectable()
export class CommentModerationService {
  private readonly logger = new Logger(CommentModerationService.name);
  private readonly policy: ModerationPolicy;

  constructor(
    private readonly comments: CommentRepository,
    private readonly articles: KnownArticlesService,
    private readonly news: CommentNewsPublisher,
    private readonly config: CommentConfig,
    private readonly awaiting: AwaitingCommentRepository,
    private readonly awaitingMetrics: AwaitingArticleMetrics,
  ) {
    this.policy = {
      minLength: config.COMMENT_MIN_LENGTH,
      maxLength: config.COMMENT_MAX_LENGTH,
      bannedWords: config.COMMENT_BANNED_WORDS,
      suspectWords: config.COMMENT_SUSPECT_WORDS,
      maxLinks: config.COMMENT_MAX_LINKS,
      floodWindowMs: config.COMMENT_FLOOD_WINDOW_SECONDS * 1000,
    };
  }

  async moderateSubmission(submission: CommentSubmittedData, options: ModerateOptions = {}): Promise<void> {
    const existing = await this.comments.findById(submission.commentId);
    if (existing) {
      // Delivered before: the decision stands. Re-announcing an approved comment (same event id)
      // covers a crash between storing it and publishing it.
      if (existing.status === 'approved') await this.announce(existing);
      this.logger.log({ msg: 'comment already moderated', commentId: existing._id, status: existing.status });
      return;
    }

    const article = await this.articles.findByIdOrSlug(submission.articleSlug);
    if (!article && options.awaitArticle !== false) return this.park(submission);

    // Flood control looks at the submission's own time, not the moderation's: a comment moderated
    // late (after waiting for its article, or after an outage) gets the outcome it would have had at once.
    const now = new Date();
    const submittedAt = new Date(submission.submittedAt);
    const body = sanitiseBody(submission.body);
    const hash = commenterHash(this.config.hashSecret, submission.authorEmail);
    const bodyHash = textHash(body.text);
    const parent = submission.parentId ? await this.comments.findById(submission.parentId) : null;
    const [repeat, previousCommentAt, trusted] = await Promise.all([
      this.comments.hasRepeat(hash, bodyHash, submission.commentId),
      this.comments.neighbourSubmittedAt(hash, submission.commentId, submittedAt, this.policy.floodWindowMs),
      this.comments.hasApproved(hash),
    ]);

    const facts: ModerationFacts = {
      rawLength: [...submission.body.trim()].length,
      text: body.text,
      links: body.links,
      markupRemoved: body.markupRemoved,
      article: commentingStateOf(article, this.articles.rules, now),
      postModerated: article ? isPostModerated(article, this.articles.rules) : false,
      parent: !submission.parentId
        ? 'none'
        : !parent
          ? 'missing'
          : parent.articleId !== article?._id
            ? 'other-article'
            : parent.status !== 'approved'
              ? 'not-approved'
              : 'approved',
      repeat,
      previousCommentAt,
      submittedAt,
      trusted,
    };
    const decision = moderate(facts, this.policy);
    const placement = placeReply(
      facts.parent === 'approved' && parent ? { id: parent._id, ancestors: parent.ancestors } : undefined,
      this.config.COMMENT_MAX_DEPTH,
    );

    const comment: CommentRecord = {
      _id: submission.commentId,
      ...(article ? { articleId: article._id } : {}),
      articleSlug: submission.articleSlug,
      ...(placement.parentId ? { parentId: placement.parentId } : {}),
      ancestors: placement.ancestors,
      rootId: placement.ancestors[0] ?? submission.commentId,
      depth: placement.depth,
      authorName: sanitiseLine(submission.authorName) || 'Anonymous',
      ...(sanitiseUrl(submission.authorUrl) ? { authorUrl: sanitiseUrl(submission.authorUrl) } : {}),
      authorEmail: submission.authorEmail.trim(),
      commenterHash: hash,
      clientHash: commenterHash(this.config.hashSecret, `address:${submission.clientAddress}`),
      body: body.html,
      textHash: bodyHash,
      status: decision.status,
      reason: decision.reason,
      checks: decision.checks,
      featured: false,
      repliesCount: 0,
      revision: 1,
      submittedAt,
      moderatedAt: now,
      ...(decision.status === 'approved' ? { publishedAt: now } : {}),
    };
    if (!(await this.comments.insert(comment))) return;
    this.logger.log({
      msg: 'comment moderated',
      commentId: comment._id,
      articleId: comment.articleId,
      status: decision.status,
      reason: decision.reason,
      ...(submission.parentId && placement.parentId !== submission.parentId ? { attachedTo: placement.parentId ?? null } : {}),
    });
    if (comment.status === 'approved') await this.announce(comment);
  }

  /**
   * Moderates a parked comment (its article is known now, or its wait is over) and only then stops
   * parking it. Two replicas may do so at once: the comment id is unique in `comments`, so one
   * decision is stored and the other moderation ends without effect.
   */
  async releaseParked(parked: AwaitingComment, outcome: 'released' | 'expired'): Promise<void> {
    // A release that raced ahead of the article's own record (another replica's handler, a redelivery)
    // leaves the comment parked: the article's event, or the sweep, lets it go.
    if (outcome === 'released' && !(await this.articles.findByIdOrSlug(parked.submission.articleSlug))) {
      this.logger.log({ msg: 'comment still awaits its article', commentId: parked._id, articleRef: parked.articleRef });
      return;
    }
    await this.moderateSubmission(parked.submission, { awaitArticle: false });
    if (!(await this.awaiting.remove(parked._id))) return; // another replica let it go at the same time
    this.awaitingMetrics.count(outcome);
    this.logger.log({
      msg: outcome === 'released' ? 'comment released: its article is known' : 'comment released: its article did not arrive in time',
      commentId: parked._id,
      articleRef: parked.articleRef,
    });
  }

  /** approve | reject | spam. Repeating an action changes nothing and re-announces the current state. */
  async act(id: string, action: ModeratorAction): Promise<CommentRecord> {
    const target = ACTION_TARGET[action];
    const current = await this.comments.findById(id);
    if (!current) throw new AppError(ErrorCodes.CommentNotFound, `No comment ${id}`, { httpStatus: 404 });
    if (target === 'approved' && !current.articleId) {
      throw new AppError(ErrorCodes.ValidationFailed, 'A comment on an unknown article cannot be published', { httpStatus: 409 });
    }
    const now = new Date();
    const changed = await this.comments.transition(
      id,
      ALL_STATUSES.filter((status) => status !== target),
      target,
      { reason: 'moderator', moderatedAt: now, ...(target === 'approved' ? { publishedAt: now } : { featured: false }) },
    );
    const comment = changed ?? (await this.comments.findById(id))!;
    this.logger.log({ msg: 'comment moderated by a moderator', commentId: id, action, status: comment.status, changed: changed !== null });
    if (comment.status === 'approved') await this.announce(comment);
    // A repeated removal re-announces it too (same event id), in case the first announcement failed.
    else if (changed ? current.status === 'approved' : comment.publishedAt !== undefined) await this.retract(comment);
    return comment;
  }

  async feature(id: string, featured: boolean): Promise<CommentRecord> {
    const current = await this.comments.findById(id);
    if (!current) throw new AppError(ErrorCodes.CommentNotFound, `No comment ${id}`, { httpStatus: 404 });
    if (current.status !== 'approved') {
      throw new AppError(ErrorCodes.ValidationFailed, 'Only a published comment can be featured', { httpStatus: 409 });
    }
    const comment = (await this.comments.setFeatured(id, featured)) ?? current;
    this.logger.log({ msg: 'comment featured', commentId: id, featured: comment.featured });
    await this.news.published(comment);
    return comment;
  }

  /**
   * Parks a submission for an article not known yet and finishes with it: waiting here would hold
   * up the consumer that must read the article's event.
   */
  private async park(submission: CommentSubmittedData): Promise<void> {
    const articleRef = articleReferenceOf(submission.articleSlug);
    const parked = await this.awaiting.park(submission, articleRef, new Date());
    if (parked) this.awaitingMetrics.count('parked');
    this.logger.log({
      msg: parked ? 'comment awaits its article' : 'comment already awaits its article',
      commentId: submission.commentId,
      articleRef,
    });
    // The article may have been recorded between the look-up and the parking, by a handler that
    // looked for waiting comments before this one was parked: then nothing else would let it go.
    if (await this.articles.findByIdOrSlug(submission.articleSlug)) {
      const current = await this.awaiting.findById(submission.commentId);
      if (current) await this.releaseParked(current, 'released');
    }
  }

  private async announce(comment: CommentRecord): Promise<void> {
    await this.comments.recountReplies(comment.ancestors);
    await this.news.published(comment);
  }

  private async retract(comment: CommentRecord): Promise<void> {
    await this.comments.recountReplies(comment.ancestors);
    if (comment.articleId) await this.news.removed(comment, comment.status === 'spam' ? 'spam' : 'rejected');
  }
}

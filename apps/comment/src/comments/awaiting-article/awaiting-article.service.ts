import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { contextFrom, runInContext } from '@frontpage/platform';
import { CommentConfig } from '../../comment.config';
import { ArticleLearned, KnownArticlesService } from '../../known-articles/known-articles.service';
import { CommentModerationService } from '../comment-moderation.service';
import { AwaitingComment } from './awaiting-comment.schema';
import { AwaitingCommentRepository } from './awaiting-comment.repository';

const BATCH = 100;
/** How long one replica's sweep holds a parked comment before another may try it. */
const CLAIM_MS = 60_000;

/**
 * Lets parked comments go: those for an article as soon as this service hears of it (on the
 * article event's handling, in submission order), and, on a periodic sweep, those whose article did
 * not arrive within `COMMENT_ARTICLE_WAIT_SECONDS` (rejected as `article-unknown`). Every replica
 * sweeps; a claim keeps two sweeps off the same comment, and moderation is idempotent by comment id
 * should a release and a sweep meet.
 */
@Injectable()
export class AwaitingArticleService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AwaitingArticleService.name);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly awaiting: AwaitingCommentRepository,
    private readonly moderation: CommentModerationService,
    private readonly knownArticles: KnownArticlesService,
    private readonly config: CommentConfig,
  ) {}

  onModuleInit(): void {
    this.knownArticles.onArticleLearned((article) => this.releaseFor(article));
  }

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.sweeping;
  }

  /**
   * Moderates every comment waiting for the article. A comment whose moderation fails stays parked
   * for the sweep; failing to look them up fails the article event's handling, which is retried.
   */
  async releaseFor(article: ArticleLearned): Promise<void> {
    const refs = article.slug ? [article.id, article.slug] : [article.id];
    const failed = new Set<string>();
    for (;;) {
      const batch = (await this.awaiting.waitingFor(refs, BATCH + failed.size)).filter((parked) => !failed.has(parked._id));
      for (const parked of batch) {
        if (!(await this.release(parked, 'released'))) failed.add(parked._id);
      }
      if (batch.length < BATCH) return;
    }
  }

  /** Moderates the comments whose wait is over; returns how many it let go. */
  async sweep(now = new Date()): Promise<number> {
    const parkedBy = new Date(now.getTime() - this.config.COMMENT_ARTICLE_WAIT_SECONDS * 1000);
    let released = 0;
    for (;;) {
      const due = await this.awaiting.due(parkedBy, new Date(), BATCH);
      for (const parked of due) {
        if (this.stopped) return released;
        const at = new Date();
        if (!(await this.awaiting.claim(parked._id, at, new Date(at.getTime() + CLAIM_MS)))) continue;
        if (await this.release(parked, 'expired')) released++;
      }
      if (due.length < BATCH) return released;
    }
  }

  private async release(parked: AwaitingComment, outcome: 'released' | 'expired'): Promise<boolean> {
    try {
      await this.moderation.releaseParked(parked, outcome);
      return true;
    } catch (error) {
      this.logger.warn({
        msg: 'parked comment could not be moderated; it stays parked',
        commentId: parked._id,
        articleRef: parked.articleRef,
        error: (error as Error).message,
      });
      return false;
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.sweeping = runInContext(contextFrom({}), () => this.sweep())
        .then(() => undefined)
        .catch((error: Error) => this.logger.warn({ msg: 'could not sweep parked comments', error: error.message }))
        .finally(() => this.schedule());
    }, this.config.articleWaitSweepMs);
    this.timer.unref();
  }
}

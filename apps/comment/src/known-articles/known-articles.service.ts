import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleWithdrawnData } from '@frontpage/contracts';
import { CommentConfig } from '../comment.config';
import { CommentingRules } from './commenting-policy';
import { KnownArticle } from './known-article.schema';
import { KnownArticleRepository } from './known-article.repository';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An article this service has just heard of: submissions may name it by id or by slug. */
export interface ArticleLearned {
  id: string;
  slug?: string;
}

export type ArticleLearnedListener = (article: ArticleLearned) => Promise<void>;

/** How a submission's article reference is looked up and stored: ids in lower case, slugs as they are. */
export function articleReferenceOf(idOrSlug: string): string {
  return UUID_PATTERN.test(idOrSlug) ? idOrSlug.toLowerCase() : idOrSlug;
}

@Injectable()
export class KnownArticlesService {
  private readonly logger = new Logger(KnownArticlesService.name);

  readonly rules: CommentingRules;
  private readonly listeners: ArticleLearnedListener[] = [];

  constructor(
    private readonly repository: KnownArticleRepository,
    config: CommentConfig,
  ) {
    this.rules = {
      closedArticles: config.COMMENT_CLOSED_ARTICLES,
      postModeratedArticles: config.COMMENT_POST_MODERATED_ARTICLES,
      defaultModeration: config.COMMENT_DEFAULT_MODERATION,
      closeAfterDays: config.COMMENT_CLOSE_AFTER_DAYS,
    };
  }

  async recordSnapshot(article: ArticleSnapshotData): Promise<void> {
    const applied = await this.repository.upsertIfNewer(article.id, article.version, {
      slug: article.slug,
      publishedAt: new Date(article.publishedAt),
      status: 'open',
    });
    if (applied) this.logger.debug({ msg: 'article recorded', articleId: article.id, version: article.version });
    await this.learned({ id: article.id, slug: article.slug });
  }

  async recordWithdrawal(withdrawal: ArticleWithdrawnData): Promise<void> {
    await this.repository.upsertIfNewer(withdrawal.id, withdrawal.version, { status: 'withdrawn' });
    await this.learned({ id: withdrawal.id });
  }

  /**
   * Called after every article event is recorded, whether it changed the record or not: a redelivered
   * event repeats what a crash may have cut short. A listener's failure fails the event's handling.
   */
  onArticleLearned(listener: ArticleLearnedListener): void {
    this.listeners.push(listener);
  }

  find(id: string): Promise<KnownArticle | null> {
    return this.repository.findById(id);
  }

  /** By article id or by slug: readers' addresses use the slug, events the id. */
  findByIdOrSlug(idOrSlug: string): Promise<KnownArticle | null> {
    return UUID_PATTERN.test(idOrSlug) ? this.repository.findById(idOrSlug.toLowerCase()) : this.repository.findBySlug(idOrSlug);
  }

  private async learned(article: ArticleLearned): Promise<void> {
    for (const listener of this.listeners) await listener(article);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleWithdrawnData } from '@frontpage/contracts';
import { CommentConfig } from '../comment.config';
import { CommentingRules } from './commenting-policy';
import { KnownArticle } from './known-article.schema';
import { KnownArticleRepository } from './known-article.repository';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class KnownArticlesService {
  private readonly logger = new Logger(KnownArticlesService.name);

  readonly rules: CommentingRules;

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
  }

  async recordWithdrawal(withdrawal: ArticleWithdrawnData): Promise<void> {
    await this.repository.upsertIfNewer(withdrawal.id, withdrawal.version, { status: 'withdrawn' });
  }

  find(id: string): Promise<KnownArticle | null> {
    return this.repository.findById(id);
  }

  /** By article id or by slug: readers' addresses use the slug, events the id. */
  findByIdOrSlug(idOrSlug: string): Promise<KnownArticle | null> {
    return UUID_PATTERN.test(idOrSlug) ? this.repository.findById(idOrSlug.toLowerCase()) : this.repository.findBySlug(idOrSlug);
  }
}

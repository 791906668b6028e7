import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleWithdrawnData } from '@frontpage/contracts';
import { KnownArticle } from './known-article.schema';
import { KnownArticleRepository } from './known-article.repository';

@Injectable()
export class KnownArticlesService {
  private readonly logger = new Logger(KnownArticlesService.name);

  constructor(private readonly repository: KnownArticleRepository) {}

  async recordSnapshot(article: ArticleSnapshotData): Promise<void> {
    const applied = await this.repository.upsertIfNewer(article.id, article.version, { slug: article.slug, status: 'open' });
    if (applied) this.logger.debug({ msg: 'article recorded', articleId: article.id, version: article.version });
  }

  async recordWithdrawal(withdrawal: ArticleWithdrawnData): Promise<void> {
    await this.repository.upsertIfNewer(withdrawal.id, withdrawal.version, { status: 'withdrawn' });
  }

  find(id: string): Promise<KnownArticle | null> {
    return this.repository.findById(id);
  }
}

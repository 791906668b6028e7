import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleWithdrawnData, ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { FeedConfig } from '../feed.config';
import { CommentMarkRepository } from './comment-mark.repository';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { FeedFilter, FeedItemRecord, FeedItemRepository } from './feed-item.repository';
import { teaserOf } from './teaser';

export interface FeedItemView {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  dateline: string | null;
  section: string | null;
  tags: string[];
  publishedAt: string;
  url: string;
  /** Published comments on the article. */
  commentCount: number;
}

export interface FeedPage {
  items: FeedItemView[];
  nextCursor: string | null;
  total: number;
}

@Injectable()
export class FeedService {
  private readonly logger = new Logger(FeedService.name);

  constructor(
    private readonly repository: FeedItemRepository,
    private readonly commentMarks: CommentMarkRepository,
    private readonly config: FeedConfig,
  ) {}

  async applySnapshot(article: ArticleSnapshotData): Promise<void> {
    const applied = await this.repository.applyVersion(article.id, article.version, {
      slug: article.slug,
      headline: article.headline,
      teaser: teaserOf(article.body),
      dateline: article.dateline,
      section: article.section,
      tags: article.tags,
      publishedAt: new Date(article.publishedAt),
    });
    this.logger.log({ msg: applied ? 'feed item projected' : 'feed item already newer', articleId: article.id, version: article.version });
  }

  async applyWithdrawal(withdrawal: ArticleWithdrawnData): Promise<void> {
    const applied = await this.repository.withdraw(withdrawal.id, withdrawal.version);
    this.logger.log({ msg: applied ? 'feed item withdrawn' : 'withdrawal already superseded', articleId: withdrawal.id });
  }

  async applyCommentVisibility(commentId: string, articleId: string, revision: number, visible: boolean): Promise<void> {
    const applied = await this.commentMarks.mark(commentId, articleId, revision, visible);
    this.logger.log({ msg: applied ? 'comment count updated' : 'comment event already applied', commentId, articleId, revision, visible });
  }

  async page(filter: FeedFilter, limit: number, cursor?: string): Promise<FeedPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The cursor is not one this feed issued', {
        httpStatus: 400,
        fields: [{ field: 'cursor', problems: ['cursor is malformed'] }],
      });
    }
    // One extra item tells whether there is a next page without counting.
    const [records, total] = await Promise.all([this.repository.page(filter, limit + 1, after), this.repository.count(filter)]);
    const items = records.slice(0, limit);
    const last = items[items.length - 1];
    const commentCounts = await this.commentMarks.countVisible(items.map((item) => item._id));
    return {
      items: items.map((item) => this.view(item, commentCounts.get(item._id) ?? 0)),
      nextCursor: records.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt!, id: last._id }) : null,
      total,
    };
  }

  private view(item: FeedItemRecord, commentCount: number): FeedItemView {
    return {
      id: item._id,
      slug: item.slug!,
      headline: item.headline!,
      teaser: item.teaser!,
      dateline: item.dateline ?? null,
      section: item.section ?? null,
      tags: item.tags,
      publishedAt: item.publishedAt!.toISOString(),
      url: `${this.config.PUBLIC_BASE_URL}/v1/articles/${item.slug}`,
      commentCount,
    };
  }
}

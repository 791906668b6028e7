import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { CommentConfig } from '../comment.config';
import { commentingStateOf } from '../known-articles/commenting-policy';
import { KnownArticlesService } from '../known-articles/known-articles.service';
import { afterFilter, CommentOrder, decodeCursor, encodeCursor, ThreadSort } from './comment-cursor';
import { CommentRepository, QueueFilter } from './comment.repository';
import { buildThreads, CommentThreads, ModeratorComment, toModeratorComment } from './comment.view';

export interface ModerationQueuePage {
  items: ModeratorComment[];
  total: number;
  nextCursor: string | null;
}

/** Reads: an article's approved comments as threads for readers, and the queue for moderators. */
@Injectable()
export class CommentThreadsService {
  constructor(
    private readonly comments: CommentRepository,
    private readonly articles: KnownArticlesService,
    private readonly config: CommentConfig,
  ) {}

  /** Top-level comments page by page in the chosen order; each with all its approved replies. */
  async threads(
    articleIdOrSlug: string,
    sort: ThreadSort,
    cursor?: string,
    limit = this.config.COMMENT_PAGE_SIZE,
  ): Promise<CommentThreads> {
    const article = await this.articles.findByIdOrSlug(articleIdOrSlug);
    if (!article) throw new AppError(ErrorCodes.ArticleNotFound, `No article "${articleIdOrSlug}"`, { httpStatus: 404 });
    const after = this.after(sort, cursor);
    const [records, total] = await Promise.all([
      this.comments.topLevel(article._id, sort, limit + 1, after),
      this.comments.countApproved(article._id),
    ]);
    const page = records.slice(0, limit);
    const replies = await this.comments.replies(page.map((comment) => comment._id));
    const last = page[page.length - 1];
    return {
      articleId: article._id,
      articleSlug: article.slug ?? null,
      open: commentingStateOf(article, this.articles.rules, new Date()) === 'open',
      sort,
      total,
      items: buildThreads(page, replies),
      nextCursor: records.length > limit && last ? encodeCursor(sort, last) : null,
    };
  }

  async queue(filter: QueueFilter, cursor?: string, limit = this.config.COMMENT_PAGE_SIZE): Promise<ModerationQueuePage> {
    const after = this.after('oldest', cursor);
    const [records, total] = await Promise.all([this.comments.queue(filter, limit + 1, after), this.comments.countQueue(filter)]);
    const page = records.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toModeratorComment),
      total,
      nextCursor: records.length > limit && last ? encodeCursor('oldest', last) : null,
    };
  }

  private after(order: CommentOrder, cursor: string | undefined): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const values = decodeCursor(order, cursor);
    if (!values) {
      throw new AppError(ErrorCodes.CommentCursorInvalid, 'The cursor is not one this list issued (for this sort order)', {
        httpStatus: 400,
        fields: [{ field: 'cursor', problems: ['cursor is malformed or belongs to another sort order'] }],
      });
    }
    return afterFilter(order, values);
  }
}

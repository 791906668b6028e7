import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { UpstreamClient } from '../upstream/upstream.client';
import { CommentSort } from './comment-query.dto';
import { CommentPage, PublicComment } from './comments.types';

/**
 * Reads an article's published comments from the comment service. Every comment is copied field
 * by field into the public shape, so the gateway could not pass on anything private even if the
 * upstream ever sent it.
 */
@Injectable()
export class CommentsReader {
  constructor(private readonly upstream: UpstreamClient) {}

  async threads(articleIdOrSlug: string, sort?: CommentSort, cursor?: string): Promise<CommentPage> {
    const result = await this.upstream.get<CommentPage>('comment', `/v1/articles/${encodeURIComponent(articleIdOrSlug)}/comments`, {
      sort,
      cursor,
    });
    if (result.ok) return toPage(result.body);
    if (result.status === 404) throw new AppError(ErrorCodes.ArticleNotFound, `No article "${articleIdOrSlug}"`, { httpStatus: 404 });
    if (result.status === 400) {
      const fields = (result.body as { error?: { fields?: { field: string; problems: string[] }[] } })?.error?.fields;
      throw new AppError(ErrorCodes.ValidationFailed, 'The comments query is invalid', { httpStatus: 400, ...(fields ? { fields } : {}) });
    }
    throw new AppError(ErrorCodes.UpstreamUnavailable, 'The comment service failed', { httpStatus: 502 });
  }
}

function toPage(page: CommentPage): CommentPage {
  return { open: page.open, total: page.total, items: page.items.map(toComment), nextCursor: page.nextCursor };
}

function toComment(comment: PublicComment): PublicComment {
  return {
    id: comment.id,
    parentId: comment.parentId,
    authorName: comment.authorName,
    authorUrl: comment.authorUrl,
    body: comment.body,
    submittedAt: comment.submittedAt,
    featured: comment.featured,
    repliesCount: comment.repliesCount,
    replies: (comment.replies ?? []).map(toComment),
  };
}

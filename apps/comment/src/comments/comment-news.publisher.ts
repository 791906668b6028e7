import { Injectable } from '@nestjs/common';
import { CommentPublishedData, CommentRemovalReason, CommentRemovedData, Topics } from '@frontpage/contracts';
import { EventPublisher } from '@frontpage/messaging';
import { CommentRecord } from './comment.repository';

/**
 * Tells partners and the feed about comments on the public `news.comments.v1`, keyed by article
 * id. The event id is derived from the comment and its revision, so publishing the same change
 * again (a redelivered submission, a moderator's retry) is recognisably the same event. The data
 * is built field by field: nothing private can ride along by accident.
 */
@Injectable()
export class CommentNewsPublisher {
  constructor(private readonly publisher: EventPublisher) {}

  async published(comment: CommentRecord): Promise<void> {
    const data: CommentPublishedData = {
      commentId: comment._id,
      articleId: comment.articleId!,
      articleSlug: comment.articleSlug,
      revision: comment.revision,
      ...(comment.parentId ? { parentId: comment.parentId } : {}),
      authorName: comment.authorName,
      ...(comment.authorUrl ? { authorUrl: comment.authorUrl } : {}),
      body: comment.body,
      featured: comment.featured,
      submittedAt: comment.submittedAt.toISOString(),
      publishedAt: (comment.publishedAt ?? comment.moderatedAt).toISOString(),
    };
    await this.publisher.publish(Topics.NewsComments, 'CommentPublished', data.articleId, data, {
      id: eventIdOf(comment),
      subject: comment._id,
      time: comment.publishedAt ?? comment.moderatedAt,
    });
  }

  async removed(comment: CommentRecord, reason: CommentRemovalReason): Promise<void> {
    const data: CommentRemovedData = {
      commentId: comment._id,
      articleId: comment.articleId!,
      revision: comment.revision,
      reason,
      removedAt: comment.moderatedAt.toISOString(),
    };
    await this.publisher.publish(Topics.NewsComments, 'CommentRemoved', data.articleId, data, {
      id: eventIdOf(comment),
      subject: comment._id,
      time: comment.moderatedAt,
    });
  }
}

export function eventIdOf(comment: { _id: string; revision: number }): string {
  return `comment-${comment._id}-r${comment.revision}`;
}

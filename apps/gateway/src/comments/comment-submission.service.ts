import { Injectable, Logger } from '@nestjs/common';
import { CommentSubmittedData, ErrorCodes, SLUG_PATTERN, Topics } from '@frontpage/contracts';
import { EventPublisher } from '@frontpage/messaging';
import { AppError } from '@frontpage/platform';
import { randomUUID } from 'node:crypto';
import { GatewayConfig } from '../gateway.config';
import { UpstreamClient } from '../upstream/upstream.client';
import { AcceptedComment } from './comments.types';
import { SubmitCommentDto } from './submit-comment.dto';

/**
 * Turns a reader's comment into a command for the comment service. The answer is given once Kafka
 * holds the command (all in-sync replicas), so it survives the comment service being down; the
 * comment service moderates it when it gets to it. A comment on an article the article service
 * does not have is refused with a 404 at once; when the article service cannot say, the comment is
 * accepted anyway (the comment service waits for the article, then decides).
 */
@Injectable()
export class CommentSubmissionService {
  private readonly logger = new Logger(CommentSubmissionService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly upstream: UpstreamClient,
    private readonly config: GatewayConfig,
  ) {}

  async submit(articleSlug: string, comment: SubmitCommentDto, clientAddress: string): Promise<AcceptedComment> {
    if (!SLUG_PATTERN.test(articleSlug) || articleSlug.length > 200) {
      throw new AppError(ErrorCodes.ArticleNotFound, `No article "${articleSlug}"`, { httpStatus: 404 });
    }
    if ((await this.articleExists(articleSlug)) === false) {
      throw new AppError(ErrorCodes.ArticleNotFound, `No article "${articleSlug}"`, { httpStatus: 404 });
    }
    const command: CommentSubmittedData = {
      commentId: randomUUID(),
      articleSlug,
      authorName: comment.authorName.trim(),
      authorEmail: comment.authorEmail.trim(),
      ...(comment.authorUrl ? { authorUrl: comment.authorUrl.trim() } : {}),
      body: comment.body,
      ...(comment.parentId ? { parentId: comment.parentId.toLowerCase() } : {}),
      clientAddress: clientAddress.slice(0, 64),
      submittedAt: new Date().toISOString(),
    };
    await this.withinTimeout(
      this.publisher.publish(Topics.CommentSubmissions, 'CommentSubmitted', articleSlug, command, { subject: command.commentId }),
    );
    this.logger.log({ msg: 'comment accepted', commentId: command.commentId, articleSlug });
    return { id: command.commentId, status: 'pending' };
  }

  /** False when the article service says there is no such (published) article; undefined when it cannot say. */
  private async articleExists(articleSlug: string): Promise<boolean | undefined> {
    try {
      const result = await this.upstream.get('article', `/v1/articles/${encodeURIComponent(articleSlug)}`);
      if (result.ok) return true;
      return result.status === 404 ? false : undefined;
    } catch {
      return undefined;
    }
  }

  private async withinTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError(ErrorCodes.UpstreamUnavailable, 'The comment could not be queued; try again', { httpStatus: 503 })),
        this.config.PUBLISH_TIMEOUT_MS,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

import { Injectable, Logger } from '@nestjs/common';
import {
  articleIdFor,
  ArticleSubmittedData,
  ArticleWithdrawalRequestedData,
  ErrorCodes,
  Topics,
  withoutControlCharacters,
  withoutControlCharactersDeep,
} from '@frontpage/contracts';
import { EventPublisher } from '@frontpage/messaging';
import { AppError } from '@frontpage/platform';
import { ArticleDraft } from '../content/article-draft';
import { normaliseArticle } from '../content/article-normaliser';
import { IngestConfig } from '../ingest.config';

export interface AcceptedArticle {
  id: string;
  status: 'accepted' | 'withdrawal-requested';
}

/**
 * Turns an accepted input into a command for the article service: normalised here, versioned and
 * published there. The answer (with the article's id, derived from source + sourceId) is given only
 * once Kafka holds the command, so nothing acknowledged is lost and nothing rejected is half-sent.
 */
@Injectable()
export class ArticleIntakeService {
  private readonly logger = new Logger(ArticleIntakeService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly config: IngestConfig,
  ) {}

  async submit(callerSource: string, draft: ArticleDraft): Promise<AcceptedArticle> {
    this.assertOwnSource(callerSource, draft.source);
    const command: ArticleSubmittedData = normaliseArticle(withoutControlCharactersDeep(draft), new Date());
    await this.withinTimeout(
      this.publisher.publish(Topics.IngestArticles, 'ArticleSubmitted', command.articleId, command, { subject: command.articleId }),
    );
    this.logger.log({ msg: 'article accepted', articleId: command.articleId, source: command.source, sourceId: command.sourceId });
    return { id: command.articleId, status: 'accepted' };
  }

  async withdraw(callerSource: string, source: string, sourceId: string, reason?: string): Promise<AcceptedArticle> {
    this.assertOwnSource(callerSource, source);
    // Stripped as the article's submission was, so both name the same article.
    const storedSourceId = withoutControlCharacters(sourceId);
    const command: ArticleWithdrawalRequestedData = {
      articleId: articleIdFor(source, storedSourceId),
      source,
      sourceId: storedSourceId,
      reason: reason === undefined ? undefined : withoutControlCharacters(reason),
      requestedAt: new Date().toISOString(),
    };
    // Keyed like the article's submissions, so the kill is applied after every version sent before it.
    await this.withinTimeout(
      this.publisher.publish(Topics.IngestArticles, 'ArticleWithdrawalRequested', command.articleId, command, {
        subject: command.articleId,
      }),
    );
    this.logger.log({ msg: 'withdrawal accepted', articleId: command.articleId, source, sourceId: storedSourceId });
    return { id: command.articleId, status: 'withdrawal-requested' };
  }

  private assertOwnSource(callerSource: string, source: string): void {
    if (source !== callerSource) {
      throw new AppError(ErrorCodes.Forbidden, `This API key may submit articles for "${callerSource}" only`, { httpStatus: 403 });
    }
  }

  private async withinTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new AppError(ErrorCodes.UpstreamUnavailable, 'The article could not be queued; try again', { httpStatus: 503 })),
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

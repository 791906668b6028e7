import { Injectable, Logger } from '@nestjs/common';
import { articleIdFor, ArticleSubmittedData, ErrorCodes, Topics } from '@frontpage/contracts';
import { EventPublisher } from '@frontpage/messaging';
import { AppError } from '@frontpage/platform';
import { IngestConfig } from '../ingest.config';
import { SubmitArticleDto } from './submit-article.dto';

export interface AcceptedArticle {
  id: string;
  status: 'accepted';
}

/**
 * Turns an accepted submission into a command for the article service. The answer (with the
 * article's id, derived from source + sourceId) is given only once Kafka holds the command.
 */
@Injectable()
export class ArticleIntakeService {
  private readonly logger = new Logger(ArticleIntakeService.name);

  constructor(
    private readonly publisher: EventPublisher,
    private readonly config: IngestConfig,
  ) {}

  async submit(callerSource: string, article: SubmitArticleDto): Promise<AcceptedArticle> {
    if (article.source !== callerSource) {
      throw new AppError(ErrorCodes.Forbidden, `This API key may submit articles for "${callerSource}" only`, { httpStatus: 403 });
    }
    const receivedAt = new Date().toISOString();
    const command: ArticleSubmittedData = {
      articleId: articleIdFor(article.source, article.sourceId),
      source: article.source,
      sourceId: article.sourceId,
      headline: article.headline.trim(),
      body: article.body.trim(),
      bodyFormat: 'text',
      section: article.section?.trim() || undefined,
      tags: [...new Set((article.tags ?? []).map((tag) => tag.trim()).filter(Boolean))],
      byline: article.byline?.trim() || undefined,
      dateline: article.dateline?.trim() || undefined,
      publishedAt: normalise(article.publishedAt),
      sourceUpdatedAt: normalise(article.updatedAt) ?? receivedAt,
      receivedAt,
    };
    await this.withinTimeout(
      this.publisher.publish(Topics.IngestArticles, 'ArticleSubmitted', command.articleId, command, { subject: command.articleId }),
    );
    this.logger.log({ msg: 'article accepted', articleId: command.articleId, source: command.source, sourceId: command.sourceId });
    return { id: command.articleId, status: 'accepted' };
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

/** ISO 8601 with any offset, as UTC with milliseconds, so equal instants compare equal downstream. */
function normalise(iso: string | undefined): string | undefined {
  return iso === undefined ? undefined : new Date(iso).toISOString();
}

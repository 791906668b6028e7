import { Injectable } from '@nestjs/common';
import { MetricsService } from '@frontpage/platform';
import { Counter, Gauge } from 'prom-client';
import { AwaitingCommentRepository } from './awaiting-comment.repository';

export type AwaitingOutcome = 'parked' | 'released' | 'expired';

/** Comments waiting for their article: how many wait now, and how many were parked and let go. */
@Injectable()
export class AwaitingArticleMetrics {
  private readonly events: Counter<'event'>;

  constructor(metrics: MetricsService, repository: AwaitingCommentRepository) {
    this.events = new Counter({
      name: 'comment_awaiting_article_total',
      help: 'Comments parked until their article is known, and let go: released (article known) or expired (wait over)',
      labelNames: ['event'] as const,
      registers: [metrics.registry],
    });
    new Gauge({
      name: 'comment_awaiting_article',
      help: 'Comments waiting for their article now',
      registers: [metrics.registry],
      async collect() {
        try {
          this.set(await repository.count());
        } catch {
          // The store is unreachable: the readiness check says so; keep the last value.
        }
      },
    });
  }

  count(event: AwaitingOutcome): void {
    this.events.inc({ event });
  }
}

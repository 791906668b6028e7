import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, MetricsService } from '@frontpage/platform';
import type { FastifyReply } from 'fastify';
import { Counter, Gauge } from 'prom-client';
import { finalize, Observable } from 'rxjs';
import { IngestConfig } from '../ingest.config';

/** What a refused submission is told to wait before trying again. */
const RETRY_AFTER_SECONDS = 1;

/** How many submissions this replica is working on, shared by every route that takes one. */
@Injectable()
export class SubmissionLimit {
  private inFlight = 0;
  private readonly shed: Counter;
  private readonly working: Gauge;

  constructor(
    private readonly config: IngestConfig,
    metrics: MetricsService,
  ) {
    this.shed = new Counter({
      name: 'ingest_submissions_shed_total',
      help: 'Submissions refused with 503 because INGEST_MAX_IN_FLIGHT were already being worked on',
      registers: [metrics.registry],
    });
    this.working = new Gauge({
      name: 'ingest_submissions_in_flight',
      help: 'Submissions being worked on now',
      registers: [metrics.registry],
    });
  }

  /** Takes a place, or returns false (and counts the refusal) when all INGEST_MAX_IN_FLIGHT are taken. */
  tryEnter(): boolean {
    if (this.inFlight >= this.config.INGEST_MAX_IN_FLIGHT) {
      this.shed.inc();
      return false;
    }
    this.inFlight++;
    this.working.inc();
    return true;
  }

  leave(): void {
    this.inFlight--;
    this.working.dec();
  }
}

/**
 * Sheds load before doing any work: past INGEST_MAX_IN_FLIGHT submissions at once, the next is
 * answered 503 `SERVICE.OVERLOADED` with `Retry-After` at once, before its body is validated,
 * sanitised and analysed. Without it, a load far beyond what the machine can do was taken whole,
 * every submission slowed down together and most timed out waiting for Kafka: at 100 articles/s
 * offered on two cores, 13–19 a second got through; with the default limit, 30 (docs/BENCHMARKS.md,
 * session 6). A submission waiting for Kafka holds its place too, so a low limit caps throughput at
 * limit ÷ latency: the default leaves room for the latency of a loaded broker.
 */
@Injectable()
export class SubmissionLimitInterceptor implements NestInterceptor {
  constructor(private readonly limit: SubmissionLimit) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (!this.limit.tryEnter()) {
      void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(RETRY_AFTER_SECONDS));
      throw new AppError(ErrorCodes.Overloaded, 'Ingest is working at capacity; try again shortly', { httpStatus: 503 });
    }
    return next.handle().pipe(finalize(() => this.limit.leave()));
  }
}

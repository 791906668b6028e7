import { Injectable, Logger } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError, CORRELATION_ID_HEADER, currentContext, formatTraceparent } from '@frontpage/platform';
import { GatewayConfig } from '../gateway.config';

export type Upstream = 'feed' | 'article' | 'comment';

export type UpstreamResult<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: unknown };

/**
 * Reads an owning service's HTTP query API with a timeout, carrying the correlation id and trace.
 * A timeout or a refused connection becomes `UPSTREAM.UNAVAILABLE`; HTTP answers are returned as
 * they are, for the caller to decide what a 404 means.
 */
@Injectable()
export class UpstreamClient {
  private readonly logger = new Logger(UpstreamClient.name);
  private readonly baseUrls: Record<Upstream, string>;

  constructor(private readonly config: GatewayConfig) {
    this.baseUrls = { feed: config.FEED_SERVICE_URL, article: config.ARTICLE_SERVICE_URL, comment: config.COMMENT_SERVICE_URL };
  }

  async get<T>(upstream: Upstream, path: string, query: Record<string, string | number | undefined> = {}): Promise<UpstreamResult<T>> {
    const url = new URL(path, this.baseUrls[upstream]);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, String(value));
    const context = currentContext();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (context) {
      headers[CORRELATION_ID_HEADER] = context.correlationId;
      headers.traceparent = formatTraceparent(context.trace);
    }
    try {
      const response = await fetch(url, { headers, signal: AbortSignal.timeout(this.config.UPSTREAM_TIMEOUT_MS) });
      const body: unknown = await response.json();
      return response.ok ? { ok: true, status: response.status, body: body as T } : { ok: false, status: response.status, body };
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? `no answer within ${this.config.UPSTREAM_TIMEOUT_MS} ms` : (error as Error).message;
      this.logger.warn({ msg: 'upstream unavailable', upstream, path, reason });
      throw new AppError(ErrorCodes.UpstreamUnavailable, `The ${upstream} service is unavailable`, { httpStatus: 503 });
    }
  }
}

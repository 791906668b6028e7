import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../gateway.config';
import { RateDecision, TokenBucketLimiter } from './rate-limiter';

/**
 * Token buckets of comment submissions per client address (behind a proxy, the address it
 * forwards), shared by the JSON API (through the guard) and the HTML "Leave a Reply" form. The
 * address is used as a key here and goes no further.
 */
@Injectable()
export class CommentRateLimiter {
  private readonly limiter: TokenBucketLimiter;

  constructor(config: GatewayConfig) {
    this.limiter = new TokenBucketLimiter(config.COMMENT_RATE_LIMIT_BURST, config.COMMENT_RATE_LIMIT_PER_MINUTE);
  }

  take(clientAddress: string): RateDecision {
    return this.limiter.take(clientAddress);
  }
}

/** The JSON API's side of the limit: a refusal is a 429 error body with `Retry-After`. */
@Injectable()
export class CommentRateLimitGuard implements CanActivate {
  constructor(private readonly limiter: CommentRateLimiter) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const decision = this.limiter.take(request.ip);
    if (decision.allowed) return true;
    void context.switchToHttp().getResponse<FastifyReply>().header('retry-after', String(decision.retryAfterSeconds));
    throw new AppError(ErrorCodes.CommentRateLimited, `Too many comments; try again in ${decision.retryAfterSeconds} s`, {
      httpStatus: 429,
    });
  }
}

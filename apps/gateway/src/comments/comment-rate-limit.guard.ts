import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GatewayConfig } from '../gateway.config';
import { TokenBucketLimiter } from './rate-limiter';

/**
 * Limits comment submissions per client address (behind a proxy, the address it forwards). A
 * refusal is a 429 with `Retry-After`. The address is used as a key here and goes no further.
 */
@Injectable()
export class CommentRateLimitGuard implements CanActivate {
  private readonly limiter: TokenBucketLimiter;

  constructor(config: GatewayConfig) {
    this.limiter = new TokenBucketLimiter(config.COMMENT_RATE_LIMIT_BURST, config.COMMENT_RATE_LIMIT_PER_MINUTE);
  }

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

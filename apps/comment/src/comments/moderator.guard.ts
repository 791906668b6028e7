import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import type { FastifyRequest } from 'fastify';
import { createHash, timingSafeEqual } from 'node:crypto';
import { CommentConfig } from '../comment.config';

/** `Authorization: Bearer <MODERATOR_TOKEN>`. */
@Injectable()
export class ModeratorGuard implements CanActivate {
  private readonly expected: Buffer;

  constructor(config: CommentConfig) {
    this.expected = digest(config.moderatorToken);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match)
      throw new AppError(ErrorCodes.Unauthorized, 'A moderator token is required: Authorization: Bearer <token>', { httpStatus: 401 });
    // Compared as digests: equal lengths, so the comparison takes the same time whatever was sent.
    if (!timingSafeEqual(digest(match[1]), this.expected)) {
      throw new AppError(ErrorCodes.Unauthorized, 'The moderator token is not valid', { httpStatus: 401 });
    }
    return true;
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

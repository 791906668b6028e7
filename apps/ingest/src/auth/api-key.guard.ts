import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { IngestConfig } from '../ingest.config';

export type AuthenticatedRequest = FastifyRequest & { source: string };

/** `Authorization: Bearer <key>`: the key names the one source the caller may submit for. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly keys: [Buffer, string][];

  constructor(config: IngestConfig) {
    this.keys = [...config.apiKeys].map(([key, source]) => [Buffer.from(key), source]);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError(ErrorCodes.Unauthorized, 'An API key is required: Authorization: Bearer <key>', { httpStatus: 401 });
    const source = this.sourceFor(Buffer.from(match[1]));
    if (!source) throw new AppError(ErrorCodes.Unauthorized, 'The API key is not valid', { httpStatus: 401 });
    request.source = source;
    return true;
  }

  private sourceFor(candidate: Buffer): string | undefined {
    // Compare against every key in constant time so a timing attack learns nothing.
    let found: string | undefined;
    for (const [key, source] of this.keys) {
      if (key.length === candidate.length && timingSafeEqual(key, candidate)) found = source;
    }
    return found;
  }
}

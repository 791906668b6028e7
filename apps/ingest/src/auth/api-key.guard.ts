import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import type { FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { apiKeyHash, IngestConfig } from '../ingest.config';

export type AuthenticatedRequest = FastifyRequest & { source: string };

/**
 * `Authorization: Bearer <key>`: the key names the one source the caller may submit for. Only the
 * keys' SHA-256 hashes are held; the presented key is hashed and compared with each in constant time.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly hashes: [Buffer, string][];

  constructor(config: IngestConfig) {
    this.hashes = [...config.apiKeyHashes].map(([hash, source]) => [Buffer.from(hash, 'hex'), source]);
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
    if (!match) throw new AppError(ErrorCodes.Unauthorized, 'An API key is required: Authorization: Bearer <key>', { httpStatus: 401 });
    const source = this.sourceFor(Buffer.from(apiKeyHash(match[1]), 'hex'));
    if (!source) throw new AppError(ErrorCodes.Unauthorized, 'The API key is not valid', { httpStatus: 401 });
    request.source = source;
    return true;
  }

  private sourceFor(candidate: Buffer): string | undefined {
    // Every hash is compared, each in constant time, so the timing says nothing about which matched.
    let found: string | undefined;
    for (const [hash, source] of this.hashes) {
      if (timingSafeEqual(hash, candidate)) found = source;
    }
    return found;
  }
}

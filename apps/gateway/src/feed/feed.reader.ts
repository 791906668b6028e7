import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { UpstreamClient } from '../upstream/upstream.client';
import { FeedPage } from './feed.types';

@Injectable()
export class FeedReader {
  constructor(private readonly upstream: UpstreamClient) {}

  async latest(limit?: number, cursor?: string): Promise<FeedPage> {
    const result = await this.upstream.get<FeedPage>('feed', '/v1/feed', { limit, cursor });
    if (result.ok) return result.body;
    if (result.status === 400)
      throw new AppError(ErrorCodes.ValidationFailed, 'The feed query is invalid', { httpStatus: 400, ...fieldsOf(result.body) });
    throw new AppError(ErrorCodes.UpstreamUnavailable, 'The feed service failed', { httpStatus: 502 });
  }
}

function fieldsOf(body: unknown) {
  const fields = (body as { error?: { fields?: { field: string; problems: string[] }[] } })?.error?.fields;
  return fields ? { fields } : {};
}

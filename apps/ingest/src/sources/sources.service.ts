import { Injectable, Logger } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { randomUUID } from 'node:crypto';
import { IngestConfig } from '../ingest.config';
import { isPrivateAddress } from './feed-address';
import { FeedEntryRepository } from './feed-entry.repository';
import { FeedPollClaimRepository } from './feed-poll-claim.repository';
import { DuplicateSourceError, FeedSourceRecord, FeedSourceRepository, newFeedSource } from './feed-source.repository';
import { DEFAULT_INTERVAL_SECONDS, RegisterSourceDto } from './register-source.dto';

export interface Registration {
  source: FeedSourceRecord;
  created: boolean;
}

/**
 * Publishers' feeds: registered, listed and removed per API key's source. A feed URL is registered
 * once per source: posting it again updates that registration (name, kind, interval) instead of
 * adding a second poller of the same feed.
 */
@Injectable()
export class SourcesService {
  private readonly logger = new Logger(SourcesService.name);

  constructor(
    private readonly sources: FeedSourceRepository,
    private readonly entries: FeedEntryRepository,
    private readonly claims: FeedPollClaimRepository,
    private readonly config: IngestConfig,
  ) {}

  async register(owner: string, request: RegisterSourceDto): Promise<Registration> {
    const intervalSeconds = request.intervalSeconds ?? Math.max(DEFAULT_INTERVAL_SECONDS, this.config.SOURCE_MIN_INTERVAL_SECONDS);
    if (intervalSeconds < this.config.SOURCE_MIN_INTERVAL_SECONDS) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The request is invalid', {
        httpStatus: 400,
        fields: [
          { field: 'intervalSeconds', problems: [`intervalSeconds must not be less than ${this.config.SOURCE_MIN_INTERVAL_SECONDS}`] },
        ],
        permanent: true,
      });
    }
    const url = normalisedUrl(request.url);
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    if (!this.config.allowsPrivateFeedAddresses && (isPrivateAddress(host) || /(^|\.)localhost\.?$/i.test(host))) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The request is invalid', {
        httpStatus: 400,
        fields: [{ field: 'url', problems: ['url must not point to a private or loopback address'] }],
        permanent: true,
      });
    }
    const wanted = { name: request.name.trim(), kind: request.kind, intervalSeconds };
    const existing = await this.sources.findByOwnerAndUrl(owner, url);
    if (existing) return { source: await this.update(existing, wanted), created: false };

    const source = newFeedSource({ _id: randomUUID(), owner, url, ...wanted }, new Date());
    try {
      await this.sources.insert(source);
    } catch (error) {
      if (!(error instanceof DuplicateSourceError)) throw error;
      // Registered by a concurrent request a moment ago: the same as posting it again.
      const winner = await this.sources.findByOwnerAndUrl(owner, url);
      if (!winner) throw error;
      return { source: await this.update(winner, wanted), created: false };
    }
    this.logger.log({ msg: 'feed source registered', feedSourceId: source._id, source: owner, url, kind: source.kind });
    return { source, created: true };
  }

  list(owner: string): Promise<FeedSourceRecord[]> {
    return this.sources.listByOwner(owner);
  }

  async get(owner: string, id: string): Promise<FeedSourceRecord> {
    const source = await this.sources.findById(id);
    if (!source) throw new AppError(ErrorCodes.NotFound, `no feed source "${id}"`, { httpStatus: 404 });
    if (source.owner !== owner) {
      throw new AppError(ErrorCodes.Forbidden, `This API key may manage the feeds of "${owner}" only`, { httpStatus: 403 });
    }
    return source;
  }

  /** Stops polling the feed: a poll under way publishes nothing more once its lease is gone. */
  async remove(owner: string, id: string): Promise<void> {
    await this.get(owner, id);
    await this.sources.delete(id);
    await this.entries.deleteForSource(id);
    await this.claims.deleteForSource(id);
    this.logger.log({ msg: 'feed source removed', feedSourceId: id, source: owner });
  }

  private async update(existing: FeedSourceRecord, wanted: Pick<FeedSourceRecord, 'name' | 'kind' | 'intervalSeconds'>) {
    const same = existing.name === wanted.name && existing.kind === wanted.kind && existing.intervalSeconds === wanted.intervalSeconds;
    if (same) return existing;
    await this.sources.updateRegistration(existing._id, wanted, existing.kind !== wanted.kind);
    return (await this.sources.findById(existing._id)) ?? { ...existing, ...wanted };
  }
}

/** One spelling per feed address (lower-case scheme and host, no default port, no fragment). */
export function normalisedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

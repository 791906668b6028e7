import { ApiProperty } from '@nestjs/swagger';
import { FEED_KINDS, FeedKind, FeedSource, SourceHealth } from './feed-source.schema';

export class SourceEntryCounts {
  @ApiProperty({ description: 'Entries in the feed as last fetched' })
  inFeed: number;

  @ApiProperty({ description: 'New or changed entries handed on for publication' })
  published: number;

  @ApiProperty({ description: 'Entries refused (no id, no title, no content...), each logged with its reason' })
  rejected: number;
}

/** A registered feed with its polling state, as `GET /v1/sources` shows it. */
export class SourceView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ enum: FEED_KINDS })
  kind: FeedKind;

  @ApiProperty()
  url: string;

  @ApiProperty()
  intervalSeconds: number;

  @ApiProperty({ enum: ['healthy', 'unhealthy'], description: 'unhealthy after SOURCE_FAILURE_THRESHOLD consecutive failed polls' })
  status: SourceHealth;

  @ApiProperty()
  consecutiveFailures: number;

  @ApiProperty({ type: String, nullable: true, description: 'The last failure, kept after a recovery (see lastErrorAt)' })
  lastError: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastErrorAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastPolledAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastSuccessAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  nextPollAt: string;

  @ApiProperty({ type: String, nullable: true })
  etag: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastModified: string | null;

  @ApiProperty({ type: SourceEntryCounts })
  entries: SourceEntryCounts;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class SourceList {
  @ApiProperty({ type: [SourceView] })
  items: SourceView[];
}

export function toSourceView(source: FeedSource): SourceView {
  const time = (value: Date | undefined) => (value ? new Date(value).toISOString() : null);
  return {
    id: source._id,
    name: source.name,
    kind: source.kind,
    url: source.url,
    intervalSeconds: source.intervalSeconds,
    status: source.health,
    consecutiveFailures: source.consecutiveFailures,
    lastError: source.lastError ?? null,
    lastErrorAt: time(source.lastErrorAt),
    lastPolledAt: time(source.lastPolledAt),
    lastSuccessAt: time(source.lastSuccessAt),
    nextPollAt: new Date(source.nextPollAt).toISOString(),
    etag: source.etag ?? null,
    lastModified: source.lastModified ?? null,
    entries: { inFeed: source.entriesInFeed, published: source.entriesPublished, rejected: source.entriesRejected },
    createdAt: new Date(source.createdAt).toISOString(),
  };
}

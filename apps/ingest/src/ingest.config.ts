import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';
import { createHash } from 'node:crypto';

export const DEV_INGEST_API_KEYS = ['demo:dev-ingest-key'];

const HASHED_KEY = /^sha256:([0-9a-f]{64})$/;

/** The SHA-256 of an API key, as hex: what the configuration may hold instead of the key itself. */
export function apiKeyHash(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

export class IngestConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3001;

  /**
   * Comma-separated `source:sha256:<hex of the key's SHA-256>` (or, for development, `source:key`)
   * entries: each key may submit articles for its source only. Only hashes are kept in memory.
   * Required in production; `demo:dev-ingest-key` elsewhere.
   */
  @ValidateIf((config: IngestConfig) => config.NODE_ENV === 'production' || config.INGEST_API_KEYS !== undefined)
  @Transform(({ value }) =>
    typeof value === 'string'
      ? value
          .split(',')
          .map((pair) => pair.trim())
          .filter(Boolean)
      : value,
  )
  @ArrayNotEmpty({ message: 'INGEST_API_KEYS must be set in production' })
  @IsString({ each: true })
  @Matches(/^[a-z0-9][a-z0-9._-]{0,63}:\S{8,}$/, { each: true, message: 'each entry must be source:key, with a key of 8+ characters' })
  INGEST_API_KEYS?: string[];

  /** How long a request waits for Kafka to acknowledge before answering 503. */
  @IsInt()
  @Min(100)
  PUBLISH_TIMEOUT_MS: number = 10000;

  /**
   * Submissions (articles, ninjs items, whole pages) one replica works on at once. Past it a submission
   * is answered 503 with Retry-After straight away, before any parsing or analysis: under a load it
   * cannot keep up with, ingest then spends its CPU on what it can finish instead of on submissions
   * that would time out waiting for Kafka (docs/BENCHMARKS.md, session 6).
   */
  @IsInt()
  @Min(1)
  INGEST_MAX_IN_FLIGHT: number = 64;

  /** Largest request body ingest reads (an article, a ninjs item or a whole page), in bytes: 413 beyond. */
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  INGEST_MAX_BODY_BYTES: number = 2 * 1024 * 1024;

  /** How often each replica looks for feed sources that are due. */
  @IsInt()
  @Min(50)
  @Max(60_000)
  SOURCE_POLL_TICK_MS: number = 1000;

  /** The shortest polling interval a publisher may ask for (`intervalSeconds`). */
  @IsInt()
  @Min(1)
  @Max(86_400)
  SOURCE_MIN_INTERVAL_SECONDS: number = 60;

  /** Consecutive failed polls after which a source is reported unhealthy. */
  @IsInt()
  @Min(1)
  SOURCE_FAILURE_THRESHOLD: number = 3;

  /** The longest wait between polls of a failing source (the backoff doubles up to this). */
  @IsInt()
  @Min(1)
  SOURCE_MAX_BACKOFF_SECONDS: number = 3600;

  /** A feed fetch that has not finished within this time fails. */
  @IsInt()
  @Min(100)
  @Max(300_000)
  SOURCE_FETCH_TIMEOUT_MS: number = 15000;

  /** A feed document larger than this, in bytes, fails the poll unread. */
  @IsInt()
  @Min(1024)
  @Max(64 * 1024 * 1024)
  SOURCE_MAX_FEED_BYTES: number = 5 * 1024 * 1024;

  /** Sources one replica polls at the same time. */
  @IsInt()
  @Min(1)
  @Max(64)
  SOURCE_MAX_CONCURRENT_POLLS: number = 4;

  /**
   * `deny`: feeds on loopback, private or link-local addresses (and redirects to them) are refused,
   * so publishers cannot make ingest read the internal network. Default `deny` in production,
   * `allow` elsewhere (local test servers).
   */
  @IsOptional()
  @IsIn(['allow', 'deny'])
  SOURCE_PRIVATE_ADDRESSES?: 'allow' | 'deny';

  get allowsPrivateFeedAddresses(): boolean {
    return (this.SOURCE_PRIVATE_ADDRESSES ?? (this.isProduction ? 'deny' : 'allow')) === 'allow';
  }

  /**
   * How long a replica holds a source while polling it: long enough for one fetch and one publish,
   * and renewed before each entry is published, so no other replica takes the source meanwhile.
   */
  get sourceLeaseMs(): number {
    return this.SOURCE_FETCH_TIMEOUT_MS + this.PUBLISH_TIMEOUT_MS + 5000;
  }

  /** SHA-256 (hex) of each key → its source. Plain keys from the configuration are hashed here. */
  get apiKeyHashes(): Map<string, string> {
    const pairs = this.INGEST_API_KEYS ?? DEV_INGEST_API_KEYS;
    return new Map(
      pairs.map((pair) => {
        const source = pair.slice(0, pair.indexOf(':'));
        const key = pair.slice(pair.indexOf(':') + 1);
        return [HASHED_KEY.exec(key)?.[1] ?? apiKeyHash(key), source];
      }),
    );
  }
}

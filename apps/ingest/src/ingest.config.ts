import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
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

  /** Largest request body ingest reads (an article, a ninjs item or a whole page), in bytes: 413 beyond. */
  @IsInt()
  @Min(1024)
  @Max(16 * 1024 * 1024)
  INGEST_MAX_BODY_BYTES: number = 2 * 1024 * 1024;

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

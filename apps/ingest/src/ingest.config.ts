import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsInt, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export const DEV_INGEST_API_KEYS = ['demo:dev-ingest-key'];

export class IngestConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3001;

  /**
   * Comma-separated `source:key` pairs: each key may submit articles for its source only.
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

  /** key → source */
  get apiKeys(): Map<string, string> {
    const pairs = this.INGEST_API_KEYS ?? DEV_INGEST_API_KEYS;
    return new Map(pairs.map((pair) => [pair.slice(pair.indexOf(':') + 1), pair.slice(0, pair.indexOf(':'))]));
  }
}

import { Transform } from 'class-transformer';
import { ArrayNotEmpty, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

const toList = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : value;

export const NODE_ENVIRONMENTS = ['development', 'test', 'production'] as const;
export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/** What every service needs to run: where it listens, how it logs, and how it reaches Kafka. */
export class ServiceConfig {
  @IsIn(NODE_ENVIRONMENTS)
  NODE_ENV: (typeof NODE_ENVIRONMENTS)[number] = 'development';

  @IsString()
  HOST: string = '127.0.0.1';

  @IsInt()
  @Min(0)
  @Max(65535)
  PORT: number;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  /** Comma-separated `host:port` list. */
  @Transform(toList)
  @IsString({ each: true })
  @Matches(/^[^\s:]+:\d+$/, { each: true, message: 'each broker must be host:port' })
  @ArrayNotEmpty({ message: 'KAFKA_BROKERS must name at least one broker' })
  KAFKA_BROKERS: string[];

  @IsOptional()
  @IsString()
  KAFKA_CLIENT_ID?: string;

  /** Prepended to every topic name: lets several deployments (or test runs) share one cluster. */
  @IsString()
  @Matches(/^[a-zA-Z0-9._-]*$/)
  KAFKA_TOPIC_PREFIX: string = '';

  @IsInt()
  @Min(1)
  KAFKA_TOPIC_PARTITIONS: number = 6;

  @IsInt()
  @Min(1)
  KAFKA_REPLICATION_FACTOR: number = 1;

  /** Defaults to `frontpage-<service>`. */
  @IsOptional()
  @IsString()
  KAFKA_CONSUMER_GROUP?: string;

  /** The broker refuses session timeouts under 6 s. */
  @IsInt()
  @Min(6000)
  KAFKA_SESSION_TIMEOUT_MS: number = 10000;

  @IsInt()
  @Min(100)
  KAFKA_HEARTBEAT_INTERVAL_MS: number = 1000;

  @IsInt()
  @Min(1)
  KAFKA_PARTITIONS_CONSUMED_CONCURRENTLY: number = 3;

  /**
   * Within one partition's batch, messages with different keys may be handled at the same time, up
   * to this many at once; one key's messages stay in order. 1 handles the batch strictly in order.
   */
  @IsInt()
  @Min(1)
  KAFKA_KEYS_CONSUMED_CONCURRENTLY: number = 1;

  /**
   * A consumer that has handled nothing for this long while messages wait for it, with no handler
   * running, is taken for stuck (kafkajs can stop fetching after a broker restart without a word) and
   * is restarted.
   */
  @IsInt()
  @Min(1000)
  KAFKA_CONSUMER_STALL_MS: number = 60000;

  /** Attempts for a message whose handler fails, before it goes to `<topic>.dlq`. */
  @IsInt()
  @Min(1)
  CONSUMER_MAX_ATTEMPTS: number = 5;

  @IsInt()
  @Min(1)
  CONSUMER_RETRY_BASE_MS: number = 100;

  @IsInt()
  @Min(1)
  CONSUMER_RETRY_MAX_MS: number = 5000;

  /** The process exits within this time of SIGTERM, finished or not. */
  @IsInt()
  @Min(1000)
  SHUTDOWN_TIMEOUT_MS: number = 10000;

  get isProduction(): boolean {
    return this.NODE_ENV === 'production';
  }
}

/** Services that own collections also need the store. */
export class StoreServiceConfig extends ServiceConfig {
  @IsString()
  @Matches(/^mongodb(\+srv)?:\/\//, { message: 'must be a mongodb:// or mongodb+srv:// URI' })
  MONGODB_URI: string;

  /** Defaults to `frontpage-<service>`: each service owns its own database. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-zA-Z0-9_-]+$/)
  MONGODB_DATABASE?: string;

  /**
   * A store call that gets no answer for this long fails, and its connection is dropped: a stalled
   * store becomes an error that is logged and retried, not a request or a consumer that waits forever.
   * Longer than any query a service makes (the slowest reader query at a million articles takes ~3 s).
   */
  @IsInt()
  @Min(1000)
  MONGODB_SOCKET_TIMEOUT_MS: number = 30000;
}

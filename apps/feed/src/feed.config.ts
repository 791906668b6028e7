import { IsInt, IsNumber, IsUrl, Max, Min } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export class FeedConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3004;

  /** Where readers reach the site; feed items link there. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  /** "Most commented" counts comments published within this many hours. */
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  MOST_COMMENTED_WINDOW_HOURS: number = 24;

  /** "You May Also Like": a related story's recency weight halves every this many hours. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  RELATED_HALF_LIFE_HOURS: number = 72;

  /**
   * A list's `total` is given up to this many articles, and `null` above: counting reads the list as
   * far as the count goes, on every page (lists are paged by cursor; no page needs the count).
   */
  @IsInt()
  @Min(1)
  @Max(100_000)
  FEED_TOTAL_LIMIT: number = 100;

  /** How often each replica re-reads which projection generation is active (a rebuild switches it). */
  @IsInt()
  @Min(100)
  @Max(60_000)
  FEED_PROJECTION_POLL_MS: number = 1000;
}

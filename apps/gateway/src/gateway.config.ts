import { IsInt, IsNumber, IsString, IsUrl, Max, Min, MinLength } from 'class-validator';
import { ServiceConfig } from '@frontpage/config';

const url = { require_tld: false, require_protocol: true };

export class GatewayConfig extends ServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3000;

  @IsUrl(url)
  FEED_SERVICE_URL: string = 'http://127.0.0.1:3004';

  @IsUrl(url)
  ARTICLE_SERVICE_URL: string = 'http://127.0.0.1:3002';

  @IsUrl(url)
  COMMENT_SERVICE_URL: string = 'http://127.0.0.1:3003';

  /** Each upstream call gives up after this long; the page is then served without that part. */
  @IsInt()
  @Min(50)
  UPSTREAM_TIMEOUT_MS: number = 2000;

  /** How long a comment submission waits for Kafka's acknowledgement before answering 503. */
  @IsInt()
  @Min(100)
  PUBLISH_TIMEOUT_MS: number = 10000;

  /** Comments a client address may send in a burst... */
  @IsInt()
  @Min(1)
  COMMENT_RATE_LIMIT_BURST: number = 5;

  /** ...and how many more it earns per minute after that. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  COMMENT_RATE_LIMIT_PER_MINUTE: number = 6;

  /** Where readers reach the site: links in pages and syndication feeds start here. */
  @IsUrl(url)
  PUBLIC_BASE_URL: string = 'http://localhost:3000';

  /** The site's name in pages and feeds. */
  @IsString()
  @MinLength(1)
  SITE_TITLE: string = 'Frontpage';

  /** Hot lists (feed, sections, tags, search, most commented, related) are served from memory for this long; 0: not cached. */
  @IsInt()
  @Min(0)
  LIST_CACHE_TTL_MS: number = 1000;

  /**
   * For this long after LIST_CACHE_TTL_MS, a list is still answered from memory at once while a fresh
   * copy is fetched in the background; so under steady traffic lists are at most about TTL old and no
   * reader waits for the feed service. 0: an expired list waits for the feed service.
   */
  @IsInt()
  @Min(0)
  LIST_CACHE_REVALIDATE_MS: number = 10000;

  /** When the feed service fails, a list up to this old is served instead of an error. */
  @IsInt()
  @Min(0)
  LIST_CACHE_STALE_MS: number = 600000;

  /** Distinct lists (by query) kept in memory. */
  @IsInt()
  @Min(1)
  LIST_CACHE_MAX_ENTRIES: number = 1000;

  /**
   * A composed article page (article, latest, related, first comments) is served from memory for
   * this long: the bound on how stale the article and its comments may be at the gateway (latest and
   * related come from the list cache, so they may be up to LIST_CACHE_TTL_MS older). 0 turns it off.
   */
  @IsInt()
  @Min(0)
  ARTICLE_PAGE_CACHE_TTL_MS: number = 2000;

  /** Distinct article pages kept in memory. */
  @IsInt()
  @Min(1)
  ARTICLE_PAGE_CACHE_MAX_ENTRIES: number = 1000;
}

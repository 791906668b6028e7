import { IsInt, IsUrl, Max, Min } from 'class-validator';
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
}

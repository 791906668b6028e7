import { IsInt, IsUrl, Max, Min } from 'class-validator';
import { StoreServiceConfig } from '@frontpage/config';

export class FeedConfig extends StoreServiceConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  override PORT: number = 3004;

  /** Where readers reach the site; feed items link there. */
  @IsUrl({ require_tld: false, require_protocol: true })
  PUBLIC_BASE_URL: string = 'http://localhost:3000';
}

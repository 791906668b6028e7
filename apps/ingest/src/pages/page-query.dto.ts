import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { IsUrl, MaxLength } from 'class-validator';

export class PageQueryDto {
  /** Where the page was fetched from; it identifies the article when the page names no canonical URL. */
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(ARTICLE_LIMITS.url)
  url: string;
}

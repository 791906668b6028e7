import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { ApiProperty } from '@nestjs/swagger';
import { IsUrl, MaxLength } from 'class-validator';

export class PageQueryDto {
  /** Where the page was fetched from; it identifies the article when the page names no canonical URL. */
  @ApiProperty({
    format: 'uri',
    pattern: '^https?://',
    maxLength: ARTICLE_LIMITS.url,
    example: 'https://news.example.org/2026/harbour-bridge-reopens',
  })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  @MaxLength(ARTICLE_LIMITS.url)
  url: string;
}

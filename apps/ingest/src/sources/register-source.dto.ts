import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Matches, Max, MaxLength, Min } from 'class-validator';
import { FEED_KINDS, FeedKind } from './feed-source.schema';

export const MAX_INTERVAL_SECONDS = 86_400;
export const DEFAULT_INTERVAL_SECONDS = 300;

/** `POST /v1/sources`: a feed for ingest to poll on the caller's behalf. */
export class RegisterSourceDto {
  @ApiProperty({ example: 'Example Wire world news', maxLength: 200 })
  @IsString()
  @Matches(/\S/, { message: 'name must not be blank' })
  @MaxLength(200)
  name: string;

  @ApiProperty({ enum: FEED_KINDS, example: 'rss' })
  @IsIn(FEED_KINDS, { message: `kind must be one of ${FEED_KINDS.join(', ')}` })
  kind: FeedKind;

  @ApiProperty({ example: 'https://wire.example/world/rss.xml', description: 'http or https' })
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  @MaxLength(ARTICLE_LIMITS.url)
  url: string;

  @ApiPropertyOptional({
    description: `Seconds between polls: at least the service's minimum (SOURCE_MIN_INTERVAL_SECONDS, 60 by default), at most ${MAX_INTERVAL_SECONDS}`,
    default: DEFAULT_INTERVAL_SECONDS,
    example: 300,
    nullable: true,
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_INTERVAL_SECONDS)
  intervalSeconds?: number;
}

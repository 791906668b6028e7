import { ARTICLE_LIMITS } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** ninjs `headlines[]` / `descriptions[]` entry. */
export class NinjsTextDto {
  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  role?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  contenttype?: string;

  @ApiProperty()
  @IsString()
  value: string;
}

export class NinjsBodyDto extends NinjsTextDto {}

/** ninjs `subjects[]`, `people[]`, `organisations[]`, `places[]` entry. */
export class NinjsNamedDto {
  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.entity })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.entity)
  name?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  uri?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  rel?: string;
}

export const NINJS_PUB_STATUSES = ['usable', 'withheld', 'canceled'] as const;

/**
 * An IPTC ninjs 2.x news item (`Content-Type: application/ninjs+json`). Only the properties we map
 * are declared and checked; the many others the standard allows are accepted and ignored.
 */
export class NinjsItemDto {
  /** The item's identifier, stable across its versions: our sourceId. */
  @ApiProperty({ minLength: 1, maxLength: ARTICLE_LIMITS.sourceId, description: 'Stable across versions: the sourceId' })
  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  uri: string;

  @ApiPropertyOptional({ nullable: true, example: 'text' })
  @IsOptional()
  @IsString()
  type?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsString()
  version?: string;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  versioncreated?: string;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  firstcreated?: string;

  @ApiPropertyOptional({ nullable: true, enum: NINJS_PUB_STATUSES, description: 'canceled withdraws every version' })
  @IsOptional()
  @IsIn(NINJS_PUB_STATUSES)
  pubstatus?: (typeof NINJS_PUB_STATUSES)[number];

  @ApiPropertyOptional({ nullable: true, description: 'BCP 47, e.g. en or pt-BR', example: 'en' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ nullable: true, type: [NinjsTextDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsTextDto)
  headlines?: NinjsTextDto[];

  @ApiPropertyOptional({ nullable: true, type: [NinjsTextDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsTextDto)
  descriptions?: NinjsTextDto[];

  @ApiPropertyOptional({ nullable: true, type: [NinjsBodyDto], maxItems: 20 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsBodyDto)
  bodies?: NinjsBodyDto[];

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.byline })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  by?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.dateline })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  located?: string;

  @ApiPropertyOptional({ nullable: true, type: [NinjsNamedDto], maxItems: ARTICLE_LIMITS.tags })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  subjects?: NinjsNamedDto[];

  @ApiPropertyOptional({ nullable: true, type: [NinjsNamedDto], maxItems: ARTICLE_LIMITS.entities })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  people?: NinjsNamedDto[];

  @ApiPropertyOptional({ nullable: true, type: [NinjsNamedDto], maxItems: ARTICLE_LIMITS.entities })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  organisations?: NinjsNamedDto[];

  @ApiPropertyOptional({ nullable: true, type: [NinjsNamedDto], maxItems: ARTICLE_LIMITS.entities })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  places?: NinjsNamedDto[];

  /** ninjs 1.x: an object keyed by name; 2.x: an array with `name`. Pictures become image blocks. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'ninjs 1.x: keyed by name; pictures become image blocks',
  })
  @IsOptional()
  @IsObject()
  associations?: Record<string, unknown> | unknown[];
}

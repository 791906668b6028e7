import { ARTICLE_LIMITS } from '@frontpage/contracts';
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
  @IsOptional()
  @IsString()
  role?: string;

  @IsOptional()
  @IsString()
  contenttype?: string;

  @IsString()
  value: string;
}

export class NinjsBodyDto extends NinjsTextDto {}

/** ninjs `subjects[]`, `people[]`, `organisations[]`, `places[]` entry. */
export class NinjsNamedDto {
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.entity)
  name?: string;

  @IsOptional()
  @IsString()
  uri?: string;

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
  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  uri: string;

  @IsOptional()
  @IsString()
  type?: string;

  @IsOptional()
  @IsString()
  version?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  versioncreated?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  firstcreated?: string;

  @IsOptional()
  @IsIn(NINJS_PUB_STATUSES)
  pubstatus?: (typeof NINJS_PUB_STATUSES)[number];

  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsTextDto)
  headlines?: NinjsTextDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsTextDto)
  descriptions?: NinjsTextDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => NinjsBodyDto)
  bodies?: NinjsBodyDto[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  by?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  located?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  subjects?: NinjsNamedDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  people?: NinjsNamedDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  organisations?: NinjsNamedDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.entities)
  @ValidateNested({ each: true })
  @Type(() => NinjsNamedDto)
  places?: NinjsNamedDto[];

  /** ninjs 1.x: an object keyed by name; 2.x: an array with `name`. Pictures become image blocks. */
  @IsOptional()
  @IsObject()
  associations?: Record<string, unknown> | unknown[];
}

import { ARTICLE_LIMITS, BODY_FORMATS, BodyFormat } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true, require_tld: false };

export class ArticleImageDto {
  @ApiProperty({ format: 'uri', maxLength: ARTICLE_LIMITS.url, description: 'An http(s) address' })
  @IsUrl(HTTP_URL)
  @MaxLength(ARTICLE_LIMITS.url)
  url: string;

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.caption })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.caption)
  caption?: string;

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.credit })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.credit)
  credit?: string;
}

/** `POST /v1/articles` (application/json): an article in Frontpage's native JSON shape. */
export class SubmitArticleDto {
  @ApiProperty({ maxLength: ARTICLE_LIMITS.headline, pattern: '\\S', example: 'Harbour bridge reopens' })
  @IsString()
  @Matches(/\S/, { message: 'headline must not be blank' })
  @MaxLength(ARTICLE_LIMITS.headline)
  headline: string;

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.standfirst })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.standfirst)
  standfirst?: string;

  /** Plain text, Markdown or HTML as `bodyFormat` says; HTML is sanitised to an allowlist. */
  @ApiProperty({ maxLength: ARTICLE_LIMITS.body * 2, pattern: '\\S', description: 'Plain text, Markdown or HTML as bodyFormat says' })
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(ARTICLE_LIMITS.body * 2)
  body: string;

  @ApiPropertyOptional({ nullable: true, enum: BODY_FORMATS, default: 'text' })
  @IsOptional()
  @IsIn(BODY_FORMATS)
  bodyFormat?: BodyFormat;

  @ApiPropertyOptional({ nullable: true, type: [ArticleImageDto], maxItems: 50 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ArticleImageDto)
  images?: ArticleImageDto[];

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.section, example: 'world' })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section)
  section?: string;

  @ApiPropertyOptional({ nullable: true, type: [String], maxItems: ARTICLE_LIMITS.tags })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.tag, { each: true })
  tags?: string[];

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.byline })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  byline?: string;

  /** Several authors; joined as "A, B and C". */
  @ApiPropertyOptional({ nullable: true, type: [String], maxItems: 20, description: 'Several authors' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.byline, { each: true })
  bylines?: string[];

  @ApiPropertyOptional({ nullable: true, maxLength: ARTICLE_LIMITS.dateline, example: 'New Delhi, Sept 29-' })
  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  dateline?: string;

  @ApiPropertyOptional({ nullable: true, format: 'uri', maxLength: ARTICLE_LIMITS.url, description: 'An http(s) address' })
  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(ARTICLE_LIMITS.url)
  canonicalUrl?: string;

  /** BCP 47; detected from the text when absent. */
  @ApiPropertyOptional({ nullable: true, description: 'BCP 47, e.g. en or pt-BR', example: 'en' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string;

  /** The source's own revision time; a revision older than the one stored is ignored. */
  @ApiPropertyOptional({ nullable: true, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedAt?: string;

  @ApiProperty({ minLength: 1, maxLength: ARTICLE_LIMITS.source, description: 'Must be the source the API key names', example: 'wire' })
  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.source)
  source: string;

  @ApiProperty({ minLength: 1, maxLength: ARTICLE_LIMITS.sourceId, example: 'story-1234' })
  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  sourceId: string;
}

import { ARTICLE_LIMITS, BODY_FORMATS, BodyFormat } from '@frontpage/contracts';
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
  @IsUrl(HTTP_URL)
  @MaxLength(ARTICLE_LIMITS.url)
  url: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.caption)
  caption?: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.credit)
  credit?: string;
}

/** `POST /v1/articles` (application/json): an article in Frontpage's native JSON shape. */
export class SubmitArticleDto {
  @IsString()
  @Matches(/\S/, { message: 'headline must not be blank' })
  @MaxLength(ARTICLE_LIMITS.headline)
  headline: string;

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.standfirst)
  standfirst?: string;

  /** Plain text, Markdown or HTML as `bodyFormat` says; HTML is sanitised to an allowlist. */
  @IsString()
  @Matches(/\S/, { message: 'body must not be blank' })
  @MaxLength(ARTICLE_LIMITS.body * 2)
  body: string;

  @IsOptional()
  @IsIn(BODY_FORMATS)
  bodyFormat?: BodyFormat;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ArticleImageDto)
  images?: ArticleImageDto[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.section)
  section?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.tag, { each: true })
  tags?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.byline)
  byline?: string;

  /** Several authors; joined as "A, B and C". */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  @MaxLength(ARTICLE_LIMITS.byline, { each: true })
  bylines?: string[];

  @IsOptional()
  @IsString()
  @MaxLength(ARTICLE_LIMITS.dateline)
  dateline?: string;

  @IsOptional()
  @IsUrl(HTTP_URL)
  @MaxLength(ARTICLE_LIMITS.url)
  canonicalUrl?: string;

  /** BCP 47; detected from the text when absent. */
  @IsOptional()
  @IsString()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: 'language must be a BCP 47 tag such as en or pt-BR' })
  language?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  publishedAt?: string;

  /** The source's own revision time; a revision older than the one stored is ignored. */
  @IsOptional()
  @IsISO8601({ strict: true })
  updatedAt?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.source)
  source: string;

  @IsString()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.sourceId)
  sourceId: string;
}

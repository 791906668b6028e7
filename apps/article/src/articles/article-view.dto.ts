import { BODY_BLOCK_TYPES, BodyBlockType } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArticleView } from './article.view';
import { StoredBodyBlock, StoredEntities } from './article.schema';

/** The documented shape of the answers in `article.view.ts`. */
export class BodyBlockDto implements StoredBodyBlock {
  @ApiProperty({ enum: BODY_BLOCK_TYPES })
  type: BodyBlockType;

  @ApiPropertyOptional({ description: 'paragraph, heading, quote' })
  text?: string;

  @ApiPropertyOptional({ description: 'list: numbered or bulleted' })
  ordered?: boolean;

  @ApiPropertyOptional({ type: [String], description: 'list' })
  items?: string[];

  @ApiPropertyOptional({ description: 'quote: who said it' })
  cite?: string;

  @ApiPropertyOptional({ description: 'image' })
  url?: string;

  @ApiPropertyOptional({ description: 'image' })
  caption?: string;

  @ApiPropertyOptional({ description: 'image' })
  credit?: string;
}

export class EntitiesDto implements StoredEntities {
  @ApiProperty({ type: [String] })
  people: string[];

  @ApiProperty({ type: [String] })
  places: string[];

  @ApiProperty({ type: [String] })
  organisations: string[];
}

export class ArticleViewDto implements ArticleView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'harbour-bridge-reopens' })
  slug: string;

  @ApiProperty({ minimum: 1 })
  version: number;

  @ApiProperty()
  headline: string;

  @ApiProperty({ type: String, nullable: true })
  standfirst: string | null;

  @ApiProperty({ type: String, nullable: true })
  teaser: string | null;

  @ApiProperty()
  body: string;

  @ApiProperty({ example: 'text' })
  bodyFormat: string;

  @ApiProperty({ type: [BodyBlockDto], description: 'Always present: a plain-text body has one paragraph per part' })
  blocks: BodyBlockDto[];

  @ApiProperty({ type: String, nullable: true })
  section: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  byline: string | null;

  @ApiProperty({ type: String, nullable: true })
  dateline: string | null;

  @ApiProperty({ type: String, nullable: true })
  language: string | null;

  @ApiProperty({ type: EntitiesDto, nullable: true })
  entities: EntitiesDto | null;

  @ApiProperty({ type: Number, nullable: true })
  readingTimeMinutes: number | null;

  @ApiProperty({ type: String, nullable: true })
  canonicalUrl: string | null;

  @ApiProperty()
  source: string;

  @ApiProperty()
  sourceId: string;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

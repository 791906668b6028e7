import { BODY_BLOCK_TYPES, BodyBlockType } from '@frontpage/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommentPage } from '../comments/comments.types';
import { FeedItem } from '../feed/feed.types';

/** One block of the body, in reading order; which fields it has depends on its type. All text is plain. */
export class BodyBlock {
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

/** People, places and organisations named in the article, as the article service found them. */
export class ArticleEntities {
  @ApiProperty({ type: [String] })
  people: string[];

  @ApiProperty({ type: [String] })
  places: string[];

  @ApiProperty({ type: [String] })
  organisations: string[];
}

/** The article as the article service returns it (its `GET /v1/articles/:idOrSlug`), field for field. */
export class Article {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'harbour-bridge-reopens' })
  slug: string;

  @ApiProperty({ minimum: 1, description: 'Grows with every revision of the article' })
  version: number;

  @ApiProperty()
  headline: string;

  @ApiProperty({ type: String, nullable: true, description: 'The summary under the headline, when the source gave one' })
  standfirst: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The opening as one line of plain text, as lists show it' })
  teaser: string | null;

  @ApiProperty({ description: 'Plain text; paragraphs separated by blank lines' })
  body: string;

  @ApiProperty({ example: 'text' })
  bodyFormat: string;

  @ApiProperty({
    type: [BodyBlock],
    description: 'The body as structured blocks, in reading order; a plain-text body has one paragraph per part',
  })
  blocks: BodyBlock[];

  @ApiProperty({ type: String, nullable: true })
  section: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  byline: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'New Delhi, Sept 29-' })
  dateline: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'ISO 639-1 code, when it could be told', example: 'en' })
  language: string | null;

  @ApiProperty({ type: ArticleEntities, nullable: true })
  entities: ArticleEntities | null;

  @ApiProperty({ type: Number, nullable: true, description: 'Estimated minutes to read the body' })
  readingTimeMinutes: number | null;

  @ApiProperty({ type: String, nullable: true, description: "The publisher's own address for the story, when it has one" })
  canonicalUrl: string | null;

  @ApiProperty({ example: 'wire', description: 'Where the article came from' })
  source: string;

  @ApiProperty({ description: "The article's id at its source" })
  sourceId: string;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ format: 'date-time', description: 'When this version was made' })
  updatedAt: string;
}

export class PageWarning {
  @ApiProperty({ enum: ['latest', 'related', 'comments'] })
  part: string;

  @ApiProperty({ example: 'UPSTREAM.UNAVAILABLE' })
  code: string;

  @ApiProperty()
  message: string;
}

/** Everything a reader's article page needs, in one answer; parts other than the article may be null. */
export class ArticlePage {
  @ApiProperty({ type: Article })
  article: Article;

  @ApiProperty({ type: [FeedItem], nullable: true, description: 'The latest stories; null when the feed service is unavailable' })
  latest: FeedItem[] | null;

  @ApiProperty({ type: [FeedItem], nullable: true, description: '"You May Also Like"; null when the feed service is unavailable' })
  related: FeedItem[] | null;

  @ApiProperty({
    type: CommentPage,
    nullable: true,
    description: 'The first page of comments (oldest first) and the count; null when the comment service is unavailable',
  })
  comments: CommentPage | null;

  @ApiProperty({ type: [PageWarning] })
  warnings: PageWarning[];
}

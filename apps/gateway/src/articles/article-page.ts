import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CommentPage } from '../comments/comments.types';
import { FeedItem } from '../feed/feed.types';

export const BLOCK_TYPES = ['paragraph', 'heading', 'list', 'quote', 'image'] as const;

/** One block of the body, in reading order; which fields it has depends on its type. All text is plain. */
export class BodyBlock {
  @ApiProperty({ enum: BLOCK_TYPES })
  type: (typeof BLOCK_TYPES)[number];

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

/** The article as the article service returns it. */
export class Article {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty()
  slug: string;

  @ApiProperty()
  version: number;

  @ApiProperty()
  headline: string;

  @ApiProperty({ description: 'Plain text; paragraphs separated by blank lines' })
  body: string;

  @ApiProperty()
  bodyFormat: string;

  @ApiPropertyOptional({ type: [BodyBlock], description: 'The body as structured blocks, when the source gave them' })
  blocks?: BodyBlock[];

  @ApiProperty({ type: String, nullable: true })
  section: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ type: String, nullable: true })
  byline: string | null;

  @ApiProperty({ type: String, nullable: true })
  dateline: string | null;

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ format: 'date-time' })
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

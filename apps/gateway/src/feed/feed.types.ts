import { ApiProperty } from '@nestjs/swagger';

/** A story in a list, as the feed service serves it. */
export class FeedItem {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'harbour-bridge-reopens' })
  slug: string;

  @ApiProperty()
  headline: string;

  @ApiProperty({ description: 'The opening of the body as one line of plain text' })
  teaser: string;

  @ApiProperty({ type: String, nullable: true, example: 'New Delhi, Sept 29-' })
  dateline: string | null;

  @ApiProperty({ type: String, nullable: true })
  section: string | null;

  @ApiProperty({ type: [String] })
  tags: string[];

  @ApiProperty({ format: 'date-time' })
  publishedAt: string;

  @ApiProperty({ description: "The article's JSON address on the gateway" })
  url: string;

  @ApiProperty({ description: 'Published comments on the article' })
  commentCount: number;
}

export class FeedPage {
  @ApiProperty({ type: [FeedItem] })
  items: FeedItem[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description:
      'Items in the whole list; null when there are more than the feed counts (lists: 100 unless configured otherwise; search: a common word)',
  })
  total: number | null;
}

export class SearchPage extends FeedPage {
  @ApiProperty({ description: 'The query as given' })
  query: string;

  @ApiProperty({ type: [String], description: 'The stemmed terms searched for, stop words removed' })
  terms: string[];
}

export class MostCommentedItem extends FeedItem {
  @ApiProperty({ description: 'Comments published within the window' })
  recentComments: number;
}

export class MostCommentedList {
  @ApiProperty()
  windowHours: number;

  @ApiProperty({ type: [MostCommentedItem] })
  items: MostCommentedItem[];
}

export class RelatedList {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ type: [FeedItem] })
  items: FeedItem[];
}

export class SectionList {
  @ApiProperty({ type: [String] })
  sections: string[];
}

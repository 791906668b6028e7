import { ApiProperty } from '@nestjs/swagger';
import { FeedItemView, FeedPage, MostCommentedItem, MostCommentedList } from './feed.service';
import { RelatedList } from './related.service';
import { SearchPage } from './search.service';

/** The documented shapes of the feed's answers (the views in feed.service, search.service and related.service). */
export class FeedItemDto implements FeedItemView {
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

  @ApiProperty({ description: "The article's path on the site", example: '/articles/harbour-bridge-reopens' })
  url: string;

  @ApiProperty({ minimum: 0, description: 'Published comments on the article' })
  commentCount: number;
}

export class FeedPageDto implements FeedPage {
  @ApiProperty({ type: [FeedItemDto] })
  items: FeedItemDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    description: 'Articles in the whole list; null when there are more than the feed counts (FEED_TOTAL_LIMIT, 100 by default)',
  })
  total: number | null;
}

export class MostCommentedItemDto extends FeedItemDto implements MostCommentedItem {
  @ApiProperty({ minimum: 0, description: 'Comments published within the window' })
  recentComments: number;
}

export class MostCommentedListDto implements MostCommentedList {
  @ApiProperty({ minimum: 1 })
  windowHours: number;

  @ApiProperty({ type: [MostCommentedItemDto] })
  items: MostCommentedItemDto[];
}

export class SearchPageDto implements SearchPage {
  @ApiProperty()
  query: string;

  @ApiProperty({ type: [String], description: 'The stemmed terms searched for, stop words removed' })
  terms: string[];

  @ApiProperty({ type: [FeedItemDto] })
  items: FeedItemDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page' })
  nextCursor: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    description: 'Articles matching; null when a common word left more matches unread than were ranked',
  })
  total: number | null;
}

export class RelatedListDto implements RelatedList {
  @ApiProperty({ format: 'uuid' })
  articleId: string;

  @ApiProperty({ type: [FeedItemDto] })
  items: FeedItemDto[];
}

export class SectionsDto {
  @ApiProperty({ type: [String], example: ['world', 'business'] })
  sections: string[];
}

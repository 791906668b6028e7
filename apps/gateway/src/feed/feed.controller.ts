import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@frontpage/platform';
import { FeedQueryDto, MostCommentedQueryDto, RelatedQueryDto, SearchQueryDto } from './feed-query.dto';
import { FeedPage, MostCommentedList, RelatedList, SearchPage, SectionList } from './feed.types';
import { FeedReader } from './feed.reader';

/** Lists change within seconds of a publication; clients and proxies may keep them briefly. */
export const LIST_CACHE_CONTROL = 'public, max-age=30, stale-while-revalidate=30, stale-if-error=600';

@ApiTags('lists')
@Controller('v1')
export class FeedController {
  constructor(private readonly feed: FeedReader) {}

  @Get('feed')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: 'The latest stories, newest first' })
  @ApiOkResponse({ type: FeedPage })
  @ApiErrors(400, 503)
  latest(@Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.latest(query.limit, query.cursor);
  }

  @Get('sections')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: 'Sections that have stories' })
  @ApiOkResponse({ type: SectionList })
  @ApiErrors(503)
  sections(): Promise<SectionList> {
    return this.feed.sections();
  }

  @Get('sections/:section')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: "A section's latest stories, newest first" })
  @ApiParam({ name: 'section', example: 'world' })
  @ApiOkResponse({ type: FeedPage })
  @ApiErrors(400, 503)
  section(@Param('section') section: string, @Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.latest(query.limit, query.cursor, { section });
  }

  @Get('tags/:tag')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: 'The latest stories with a tag, newest first' })
  @ApiParam({ name: 'tag', example: 'health' })
  @ApiOkResponse({ type: FeedPage })
  @ApiErrors(400, 503)
  tag(@Param('tag') tag: string, @Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.latest(query.limit, query.cursor, { tag });
  }

  @Get('search')
  @Header('Cache-Control', 'public, max-age=60, stale-if-error=600')
  @ApiOperation({ summary: 'Keyword search: headline matches first, then teaser, then body, then the newest' })
  @ApiOkResponse({ type: SearchPage })
  @ApiErrors(400, 503)
  search(@Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.feed.search(query.q, query.limit, query.cursor);
  }

  @Get('most-commented')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: 'Stories with the most comments published in the last 24 hours (or `hours`)' })
  @ApiOkResponse({ type: MostCommentedList })
  @ApiErrors(400, 503)
  mostCommented(@Query() query: MostCommentedQueryDto): Promise<MostCommentedList> {
    return this.feed.mostCommented(query.limit, query.hours);
  }

  @Get('articles/:slug/related')
  @Header('Cache-Control', LIST_CACHE_CONTROL)
  @ApiOperation({ summary: '"You May Also Like": stories sharing the rarest tags and entities, then the section\'s latest' })
  @ApiParam({ name: 'slug' })
  @ApiOkResponse({ type: RelatedList })
  @ApiErrors(400, [404, 'No such article'], 503)
  related(@Param('slug') slug: string, @Query() query: RelatedQueryDto): Promise<RelatedList> {
    return this.feed.related(slug, query.limit);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiErrors } from '@frontpage/platform';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { FeedPageDto, MostCommentedListDto, RelatedListDto, SearchPageDto, SectionsDto } from './feed-view.dto';
import { FeedQueryDto, MostCommentedQueryDto, RelatedQueryDto, SearchQueryDto } from './feed-query.dto';
import { FeedPage, FeedService, MostCommentedList } from './feed.service';
import { RelatedList, RelatedService } from './related.service';
import { SearchPage, SearchService } from './search.service';

@ApiTags('feed')
@Controller('v1/feed')
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly searchService: SearchService,
    private readonly relatedService: RelatedService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'The latest teasers, newest first, optionally of one section or tag' })
  @ApiOkResponse({ type: FeedPageDto })
  @ApiErrors([400, 'Invalid query, or a cursor this feed did not issue'])
  list(@Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.page({ section: query.section, tag: query.tag }, query.limit, query.cursor);
  }

  @Get('most-commented')
  @ApiOperation({ summary: 'The articles with the most comments published within a window' })
  @ApiOkResponse({ type: MostCommentedListDto })
  @ApiErrors(400)
  mostCommented(@Query() query: MostCommentedQueryDto): Promise<MostCommentedList> {
    return this.feed.mostCommented(query.limit, query.hours);
  }

  @Get('search')
  @ApiOperation({ summary: 'Keyword search: headline matches first, then teaser, then body, then the newest' })
  @ApiOkResponse({ type: SearchPageDto })
  @ApiErrors([400, 'Invalid query, or a cursor this search did not issue'])
  search(@Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.searchService.search(query.q, query.limit, query.cursor);
  }

  @Get('sections')
  @ApiOperation({ summary: 'The sections that have published articles' })
  @ApiOkResponse({ type: SectionsDto })
  async sections(): Promise<{ sections: string[] }> {
    return { sections: await this.feed.sections() };
  }

  @Get('related/:idOrSlug')
  @ApiOperation({ summary: '"You May Also Like": articles sharing tags and entities, then the same section\'s latest' })
  @ApiParam({ name: 'idOrSlug', description: 'The article id (a UUID) or its slug', example: 'harbour-bridge-reopens' })
  @ApiOkResponse({ type: RelatedListDto })
  @ApiErrors(400, [404, 'No such article'])
  related(@Param('idOrSlug') idOrSlug: string, @Query() query: RelatedQueryDto): Promise<RelatedList> {
    return this.relatedService.related(idOrSlug, query.limit);
  }
}

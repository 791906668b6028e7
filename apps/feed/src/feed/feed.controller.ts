import { Controller, Get, Param, Query } from '@nestjs/common';
import { FeedQueryDto, MostCommentedQueryDto, RelatedQueryDto, SearchQueryDto } from './feed-query.dto';
import { FeedPage, FeedService, MostCommentedList } from './feed.service';
import { RelatedList, RelatedService } from './related.service';
import { SearchPage, SearchService } from './search.service';

@Controller('v1/feed')
export class FeedController {
  constructor(
    private readonly feed: FeedService,
    private readonly searchService: SearchService,
    private readonly relatedService: RelatedService,
  ) {}

  @Get()
  list(@Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.page({ section: query.section, tag: query.tag }, query.limit, query.cursor);
  }

  @Get('most-commented')
  mostCommented(@Query() query: MostCommentedQueryDto): Promise<MostCommentedList> {
    return this.feed.mostCommented(query.limit, query.hours);
  }

  @Get('search')
  search(@Query() query: SearchQueryDto): Promise<SearchPage> {
    return this.searchService.search(query.q, query.limit, query.cursor);
  }

  @Get('sections')
  async sections(): Promise<{ sections: string[] }> {
    return { sections: await this.feed.sections() };
  }

  @Get('related/:idOrSlug')
  related(@Param('idOrSlug') idOrSlug: string, @Query() query: RelatedQueryDto): Promise<RelatedList> {
    return this.relatedService.related(idOrSlug, query.limit);
  }
}

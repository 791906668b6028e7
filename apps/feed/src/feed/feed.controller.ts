import { Controller, Get, Query } from '@nestjs/common';
import { FeedQueryDto } from './feed-query.dto';
import { FeedPage, FeedService } from './feed.service';

@Controller('v1/feed')
export class FeedController {
  constructor(private readonly feed: FeedService) {}

  @Get()
  list(@Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.page({ section: query.section, tag: query.tag }, query.limit, query.cursor);
  }
}

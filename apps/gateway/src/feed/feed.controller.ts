import { Controller, Get, Query } from '@nestjs/common';
import { FeedQueryDto } from './feed-query.dto';
import { FeedPage } from './feed.types';
import { FeedReader } from './feed.reader';

@Controller('v1/feed')
export class FeedController {
  constructor(private readonly feed: FeedReader) {}

  @Get()
  latest(@Query() query: FeedQueryDto): Promise<FeedPage> {
    return this.feed.latest(query.limit, query.cursor);
  }
}

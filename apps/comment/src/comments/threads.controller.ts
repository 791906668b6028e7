import { Controller, Get, Param, Query } from '@nestjs/common';
import { ThreadQueryDto } from './comment-query.dto';
import { CommentThreads } from './comment.view';
import { CommentThreadsService } from './comment-threads.service';

/** Readers' view of an article's comments (the gateway's source): approved comments only, no emails. */
@Controller('v1/articles')
export class ThreadsController {
  constructor(private readonly threads: CommentThreadsService) {}

  @Get(':idOrSlug/comments')
  list(@Param('idOrSlug') idOrSlug: string, @Query() query: ThreadQueryDto): Promise<CommentThreads> {
    return this.threads.threads(idOrSlug, query.sort, query.cursor, query.limit);
  }
}

import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiErrors } from '@frontpage/platform';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommentThreadsDto } from './comment-view.dto';
import { ThreadQueryDto } from './comment-query.dto';
import { CommentThreads } from './comment.view';
import { CommentThreadsService } from './comment-threads.service';

/** Readers' view of an article's comments (the gateway's source): approved comments only, no emails. */
@ApiTags('threads')
@Controller('v1/articles')
export class ThreadsController {
  constructor(private readonly threads: CommentThreadsService) {}

  @Get(':idOrSlug/comments')
  @ApiOperation({ summary: "An article's approved comments, threaded (no emails)" })
  @ApiParam({ name: 'idOrSlug', description: 'The article id (a UUID) or its slug', example: 'harbour-bridge-reopens' })
  @ApiOkResponse({ type: CommentThreadsDto })
  @ApiErrors([400, 'Invalid query, or a cursor this list did not issue'], [404, 'No such article'])
  list(@Param('idOrSlug') idOrSlug: string, @Query() query: ThreadQueryDto): Promise<CommentThreads> {
    return this.threads.threads(idOrSlug, query.sort, query.cursor, query.limit);
  }
}

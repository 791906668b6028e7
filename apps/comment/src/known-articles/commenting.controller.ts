import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { ApiErrors, AppError } from '@frontpage/platform';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { CommentingStatusDto } from '../comments/comment-view.dto';
import { CommentConfig } from '../comment.config';
import { commentingStateOf, describeCommentingState } from './commenting-policy';
import { KnownArticlesService } from './known-articles.service';

export interface CommentingStatus {
  articleId: string;
  open: boolean;
  reason: string | null;
}

/** Whether an article takes comments, from this service's own record of `news.articles.v1`. */
@ApiTags('threads')
@Controller('v1/articles')
export class CommentingController {
  constructor(
    private readonly knownArticles: KnownArticlesService,
    private readonly config: CommentConfig,
  ) {}

  @Get(':id/commenting')
  @ApiOperation({ summary: 'Whether an article takes comments, and why not when it does not' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: CommentingStatusDto })
  @ApiErrors([400, 'The id is not a UUID'], [404, 'No such article'])
  async status(@Param('id', new ParseUUIDPipe()) id: string): Promise<CommentingStatus> {
    const article = await this.knownArticles.find(id);
    if (!article) throw new AppError(ErrorCodes.ArticleNotFound, `no article ${id}`, { httpStatus: 404 });
    const state = commentingStateOf(article, this.knownArticles.rules, new Date());
    return { articleId: id, open: state === 'open', reason: describeCommentingState(state) };
  }
}

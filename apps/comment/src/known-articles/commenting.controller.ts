import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { CommentConfig } from '../comment.config';
import { commentingStateOf, describeCommentingState } from './commenting-policy';
import { KnownArticlesService } from './known-articles.service';

export interface CommentingStatus {
  articleId: string;
  open: boolean;
  reason: string | null;
}

/** Whether an article takes comments, from this service's own record of `news.articles.v1`. */
@Controller('v1/articles')
export class CommentingController {
  constructor(
    private readonly knownArticles: KnownArticlesService,
    private readonly config: CommentConfig,
  ) {}

  @Get(':id/commenting')
  async status(@Param('id', new ParseUUIDPipe()) id: string): Promise<CommentingStatus> {
    const article = await this.knownArticles.find(id);
    if (!article) throw new AppError(ErrorCodes.ArticleNotFound, `no article ${id}`, { httpStatus: 404 });
    const state = commentingStateOf(article, this.knownArticles.rules, new Date());
    return { articleId: id, open: state === 'open', reason: describeCommentingState(state) };
  }
}

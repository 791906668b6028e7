import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { KnownArticlesService } from './known-articles.service';

export interface CommentingStatus {
  articleId: string;
  open: boolean;
  reason: string | null;
}

/** Whether an article takes comments, from this service's own record of `news.articles.v1`. */
@Controller('v1/articles')
export class CommentingController {
  constructor(private readonly knownArticles: KnownArticlesService) {}

  @Get(':id/commenting')
  async status(@Param('id', new ParseUUIDPipe()) id: string): Promise<CommentingStatus> {
    const article = await this.knownArticles.find(id);
    if (!article) throw new AppError(ErrorCodes.ArticleNotFound, `no article ${id}`, { httpStatus: 404 });
    const open = article.status === 'open';
    return { articleId: id, open, reason: open ? null : 'the article has been withdrawn' };
  }
}

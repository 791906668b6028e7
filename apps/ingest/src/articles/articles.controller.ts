import { Body, Controller, HttpCode, HttpStatus, Post, Req, UseGuards } from '@nestjs/common';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { AcceptedArticle, ArticleIntakeService } from './article-intake.service';
import { SubmitArticleDto } from './submit-article.dto';

@Controller('v1/articles')
@UseGuards(ApiKeyGuard)
export class ArticlesController {
  constructor(private readonly intake: ArticleIntakeService) {}

  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  submit(@Req() request: AuthenticatedRequest, @Body() article: SubmitArticleDto): Promise<AcceptedArticle> {
    return this.intake.submit(request.source, article);
  }
}

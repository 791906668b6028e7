import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics, withoutControlCharactersDeep } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { ArticlesService } from './articles.service';

@Controller()
export class ArticleSubmittedHandler {
  constructor(private readonly articles: ArticlesService) {}

  @EventPattern(Topics.IngestArticles)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.IngestArticles>): Promise<void> {
    // Ingest strips control characters, but any producer may write this topic; the store may refuse them.
    switch (event.type) {
      case 'ArticleSubmitted':
        await this.articles.applySubmission(withoutControlCharactersDeep(event.data));
        return;
      case 'ArticleWithdrawalRequested':
        await this.articles.applyWithdrawal(event.data);
        return;
    }
  }
}

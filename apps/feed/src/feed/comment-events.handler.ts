import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@frontpage/contracts';
import { ConsumedEvent } from '@frontpage/messaging';
import { FeedService } from './feed.service';

@Controller()
export class CommentEventsHandler {
  constructor(private readonly feed: FeedService) {}

  @EventPattern(Topics.NewsComments)
  async handle(@Payload() event: ConsumedEvent<typeof Topics.NewsComments>): Promise<void> {
    switch (event.type) {
      case 'CommentPublished':
        return this.feed.applyCommentVisibility(
          event.data.commentId,
          event.data.articleId,
          event.data.revision,
          true,
          new Date(event.data.publishedAt),
        );
      case 'CommentRemoved':
        return this.feed.applyCommentVisibility(event.data.commentId, event.data.articleId, event.data.revision, false);
    }
  }
}

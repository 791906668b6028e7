import { Module } from '@nestjs/common';
import { ServiceConfigModule } from '@frontpage/config';
import { MessagingModule } from '@frontpage/messaging';
import { PlatformModule } from '@frontpage/platform';
import { ArticlePageController } from './articles/article-page.controller';
import { ArticlePageService } from './articles/article-page.service';
import { CommentRateLimiter, CommentRateLimitGuard } from './comments/comment-rate-limit.guard';
import { CommentSubmissionService } from './comments/comment-submission.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsReader } from './comments/comments.reader';
import { FeedController } from './feed/feed.controller';
import { FeedReader } from './feed/feed.reader';
import { GatewayConfig } from './gateway.config';
import { SyndicationController } from './syndication/syndication.controller';
import { UpstreamClient } from './upstream/upstream.client';
import { WebController } from './web/web.controller';

@Module({
  imports: [ServiceConfigModule.forService('gateway', GatewayConfig), PlatformModule, MessagingModule],
  controllers: [FeedController, ArticlePageController, CommentsController, SyndicationController, WebController],
  providers: [
    UpstreamClient,
    FeedReader,
    ArticlePageService,
    CommentsReader,
    CommentSubmissionService,
    CommentRateLimiter,
    CommentRateLimitGuard,
  ],
})
export class GatewayModule {}

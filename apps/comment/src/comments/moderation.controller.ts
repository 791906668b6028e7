import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { AppError } from '@frontpage/platform';
import { BulkApproveDto, FeatureDto, QueueQueryDto } from './comment-query.dto';
import { ModerationQueuePage, CommentThreadsService } from './comment-threads.service';
import { ModeratorComment, toModeratorComment } from './comment.view';
import { CommentModerationService, ModeratorAction } from './comment-moderation.service';
import { ModeratorGuard } from './moderator.guard';

export interface BulkResult {
  results: ({ id: string; status: string } | { id: string; error: { code: string; message: string } })[];
}

/** Moderators only: the queue (the one place emails are shown) and decisions on comments. */
@Controller('v1')
@UseGuards(ModeratorGuard)
export class ModerationController {
  constructor(
    private readonly moderation: CommentModerationService,
    private readonly threads: CommentThreadsService,
  ) {}

  @Get('moderation/queue')
  queue(@Query() query: QueueQueryDto): Promise<ModerationQueuePage> {
    return this.threads.queue({ status: query.status, articleId: query.articleId }, query.cursor, query.limit);
  }

  @Post('moderation/approve')
  @HttpCode(HttpStatus.OK)
  async approveMany(@Body() body: BulkApproveDto): Promise<BulkResult> {
    const results: BulkResult['results'] = [];
    // One at a time: each is its own conditional update and announcement, and a failure names its comment.
    for (const id of [...new Set(body.ids)]) {
      try {
        results.push({ id, status: (await this.moderation.act(id, 'approve')).status });
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        results.push({ id, error: { code: error.code, message: error.message } });
      }
    }
    return { results };
  }

  @Post('comments/:id/approve')
  @HttpCode(HttpStatus.OK)
  approve(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'approve');
  }

  @Post('comments/:id/reject')
  @HttpCode(HttpStatus.OK)
  reject(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'reject');
  }

  @Post('comments/:id/spam')
  @HttpCode(HttpStatus.OK)
  spam(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'spam');
  }

  @Post('comments/:id/feature')
  @HttpCode(HttpStatus.OK)
  async feature(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FeatureDto = {}): Promise<ModeratorComment> {
    return toModeratorComment(await this.moderation.feature(id, body?.featured ?? true));
  }

  private async decide(id: string, action: ModeratorAction): Promise<ModeratorComment> {
    return toModeratorComment(await this.moderation.act(id, action));
  }
}

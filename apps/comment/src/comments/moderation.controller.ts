import { Body, Controller, Get, HttpCode, HttpStatus, Param, ParseUUIDPipe, Post, Query, UseGuards } from '@nestjs/common';
import { ApiErrors, AppError } from '@frontpage/platform';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { BulkResultDto, ModerationQueuePageDto, ModeratorCommentDto } from './comment-view.dto';
import { BulkApproveDto, FeatureDto, QueueQueryDto } from './comment-query.dto';
import { ModerationQueuePage, CommentThreadsService } from './comment-threads.service';
import { ModeratorComment, toModeratorComment } from './comment.view';
import { CommentModerationService, ModeratorAction } from './comment-moderation.service';
import { ModeratorGuard } from './moderator.guard';

export interface BulkResult {
  results: ({ id: string; status: string } | { id: string; error: { code: string; message: string } })[];
}

/** Moderators only: the queue (the one place emails are shown) and decisions on comments. */
@ApiTags('moderation')
@ApiBearerAuth()
@ApiErrors(401)
@Controller('v1')
@UseGuards(ModeratorGuard)
export class ModerationController {
  constructor(
    private readonly moderation: CommentModerationService,
    private readonly threads: CommentThreadsService,
  ) {}

  @Get('moderation/queue')
  @ApiOperation({ summary: 'The moderation queue (pending by default), newest first; the one place emails are shown' })
  @ApiOkResponse({ type: ModerationQueuePageDto })
  @ApiErrors([400, 'Invalid query, or a cursor this list did not issue'])
  queue(@Query() query: QueueQueryDto): Promise<ModerationQueuePage> {
    return this.threads.queue({ status: query.status, articleId: query.articleId }, query.cursor, query.limit);
  }

  @Post('moderation/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Approve several comments; each one succeeds or fails on its own' })
  @ApiOkResponse({ type: BulkResultDto })
  @ApiErrors(400, 413, 415)
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
  @ApiOperation({ summary: 'Approve (publish) a comment' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ModeratorCommentDto, description: 'The comment as moderators see it, after the decision' })
  @ApiErrors([400, 'The id is not a UUID'], [404, 'No such comment'], [409, 'A comment on an unknown article cannot be published'])
  approve(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'approve');
  }

  @Post('comments/:id/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Reject a comment' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ModeratorCommentDto, description: 'The comment as moderators see it, after the decision' })
  @ApiErrors([400, 'The id is not a UUID'], [404, 'No such comment'], [409, 'A comment on an unknown article cannot be published'])
  reject(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'reject');
  }

  @Post('comments/:id/spam')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Mark a comment as spam' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: ModeratorCommentDto, description: 'The comment as moderators see it, after the decision' })
  @ApiErrors([400, 'The id is not a UUID'], [404, 'No such comment'], [409, 'A comment on an unknown article cannot be published'])
  spam(@Param('id', new ParseUUIDPipe()) id: string): Promise<ModeratorComment> {
    return this.decide(id, 'spam');
  }

  @Post('comments/:id/feature')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Feature a published comment, or stop featuring it' })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiBody({ type: FeatureDto, required: false })
  @ApiOkResponse({ type: ModeratorCommentDto })
  @ApiErrors(
    [400, 'The id is not a UUID, or an invalid body'],
    [404, 'No such comment'],
    [409, 'Only a published comment can be featured'],
    415,
  )
  async feature(@Param('id', new ParseUUIDPipe()) id: string, @Body() body: FeatureDto = {}): Promise<ModeratorComment> {
    return toModeratorComment(await this.moderation.feature(id, body?.featured ?? true));
  }

  private async decide(id: string, action: ModeratorAction): Promise<ModeratorComment> {
    return toModeratorComment(await this.moderation.act(id, action));
  }
}

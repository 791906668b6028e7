import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { CommentQueryDto } from './comment-query.dto';
import { CommentRateLimitGuard } from './comment-rate-limit.guard';
import { CommentSubmissionService } from './comment-submission.service';
import { AcceptedComment, CommentPage } from './comments.types';
import { CommentsReader } from './comments.reader';
import { SubmitCommentDto } from './submit-comment.dto';

@Controller('v1/articles')
export class CommentsController {
  constructor(
    private readonly submissions: CommentSubmissionService,
    private readonly reader: CommentsReader,
  ) {}

  @Post(':slug/comments')
  @HttpCode(HttpStatus.ACCEPTED)
  @UseGuards(CommentRateLimitGuard)
  submit(@Param('slug') slug: string, @Body() comment: SubmitCommentDto, @Req() request: FastifyRequest): Promise<AcceptedComment> {
    return this.submissions.submit(slug, comment, request.ip);
  }

  @Get(':slug/comments')
  list(@Param('slug') slug: string, @Query() query: CommentQueryDto): Promise<CommentPage> {
    return this.reader.threads(slug, query.sort, query.cursor);
  }
}

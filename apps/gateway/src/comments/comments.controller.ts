import { Body, Controller, Get, Header, HttpCode, HttpStatus, Param, Post, Query, Req, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@frontpage/platform';
import type { FastifyRequest } from 'fastify';
import { CommentQueryDto } from './comment-query.dto';
import { CommentRateLimitGuard } from './comment-rate-limit.guard';
import { CommentSubmissionService } from './comment-submission.service';
import { AcceptedComment, CommentPage } from './comments.types';
import { CommentsReader } from './comments.reader';
import { SubmitCommentDto } from './submit-comment.dto';

@ApiTags('comments')
@Controller('v1/articles')
export class CommentsController {
  constructor(
    private readonly submissions: CommentSubmissionService,
    private readonly reader: CommentsReader,
  ) {}

  @Post(':slug/comments')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Submit a comment; it is moderated before it appears. The email is never published.' })
  @ApiParam({ name: 'slug' })
  @ApiAcceptedResponse({ type: AcceptedComment })
  @ApiErrors(400, [404, 'No such article'], [429, 'Too many comments from this client; see Retry-After'], 503)
  @UseGuards(CommentRateLimitGuard)
  submit(@Param('slug') slug: string, @Body() comment: SubmitCommentDto, @Req() request: FastifyRequest): Promise<AcceptedComment> {
    return this.submissions.submit(slug, comment, request.ip);
  }

  @Get(':slug/comments')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: "An article's published comments, threaded" })
  @ApiParam({ name: 'slug' })
  @ApiOkResponse({ type: CommentPage })
  @ApiErrors(400, [404, 'No such article'], 502, 503)
  list(@Param('slug') slug: string, @Query() query: CommentQueryDto): Promise<CommentPage> {
    return this.reader.threads(slug, query.sort, query.cursor);
  }
}

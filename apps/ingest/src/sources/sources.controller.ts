import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiKeyGuard, AuthenticatedRequest } from '../auth/api-key.guard';
import { RegisterSourceDto } from './register-source.dto';
import { SourcesService } from './sources.service';
import { SourceList, SourceView, toSourceView } from './source.view';

@ApiTags('sources')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No API key, or not a valid one' })
@Controller('v1/sources')
@UseGuards(ApiKeyGuard)
export class SourcesController {
  constructor(private readonly sources: SourcesService) {}

  @Post()
  @ApiOperation({ summary: 'Registers a feed to poll (RSS, Atom or JSON Feed); posting a registered url again updates it' })
  @ApiCreatedResponse({ type: SourceView, description: 'Registered: the first poll is due now' })
  @ApiOkResponse({ type: SourceView, description: 'The url was already registered for this source: updated, not duplicated' })
  @ApiBadRequestResponse({ description: 'Field-level reasons' })
  async register(
    @Req() request: AuthenticatedRequest,
    @Body() body: RegisterSourceDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<SourceView> {
    const { source, created } = await this.sources.register(request.source, body);
    void reply.status(created ? HttpStatus.CREATED : HttpStatus.OK);
    return toSourceView(source);
  }

  @Get()
  @ApiOperation({ summary: "The caller's feeds with their polling state" })
  @ApiOkResponse({ type: SourceList })
  async list(@Req() request: AuthenticatedRequest): Promise<SourceList> {
    return { items: (await this.sources.list(request.source)).map(toSourceView) };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One feed with its polling state' })
  @ApiOkResponse({ type: SourceView })
  @ApiForbiddenResponse({ description: "Another source's feed" })
  @ApiNotFoundResponse()
  async get(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<SourceView> {
    return toSourceView(await this.sources.get(request.source, id));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Stops polling the feed and forgets it (articles already published stay)' })
  @ApiNoContentResponse()
  @ApiForbiddenResponse({ description: "Another source's feed" })
  @ApiNotFoundResponse()
  async remove(@Req() request: AuthenticatedRequest, @Param('id') id: string): Promise<void> {
    await this.sources.remove(request.source, id);
  }
}

import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { IngestConfig } from '../ingest.config';

export const NINJS_CONTENT_TYPE = 'application/ninjs+json';

/**
 * The body types ingest reads, each within INGEST_MAX_BODY_BYTES (413 beyond): JSON and ninjs
 * (parsed), HTML and plain text (kept as text, for the page extractor). Anything else is 415.
 */
@Injectable()
export class BodyParsers implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly config: IngestConfig,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const bodyLimit = this.config.INGEST_MAX_BODY_BYTES;
    const json = fastify.getDefaultJsonParser('error', 'error');
    fastify.removeContentTypeParser(['application/json', 'text/plain']);
    fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, json);
    fastify.addContentTypeParser(NINJS_CONTENT_TYPE, { parseAs: 'string', bodyLimit }, json);
    fastify.addContentTypeParser(['text/html', 'text/plain'], { parseAs: 'string', bodyLimit }, (_request, body, done) => done(null, body));
  }
}

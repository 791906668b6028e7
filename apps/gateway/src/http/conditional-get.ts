import type { FastifyInstance } from 'fastify';
import { etagOf, ifNoneMatchMatches } from './etag';
import { preparedJsonOf } from './prepared-json';

/**
 * Gives every successful GET answer an ETag computed from the bytes sent, and answers `304 Not
 * Modified` with no body when the client already holds them. Routes set their own Cache-Control.
 * Answers prepared by a cache (see prepareJson) are sent as stored, with the tag stored beside them.
 */
export function installConditionalGet(fastify: FastifyInstance): void {
  // Fastify sends a Buffer from the serializer as it is; its type only names strings.
  const serialize = (payload: unknown): string | Buffer => preparedJsonOf(payload)?.body ?? JSON.stringify(payload);
  fastify.setReplySerializer(serialize as (payload: unknown) => string);
  fastify.addHook('preSerialization', (_request, reply, payload, done) => {
    const ready = reply.statusCode === 200 ? preparedJsonOf(payload) : undefined;
    if (ready) void reply.header('etag', ready.etag);
    done(null, payload);
  });
  fastify.addHook('onSend', (request, reply, payload, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return done(null, payload);
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return done(null, payload);
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload);
    void reply.header('etag', etag);
    const ifNoneMatch = request.headers['if-none-match'];
    if (!ifNoneMatchMatches(Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch, etag)) return done(null, payload);
    void reply.code(304);
    done(null, '');
  });
}

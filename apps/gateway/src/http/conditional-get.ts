import type { FastifyInstance } from 'fastify';
import { etagOf, ifNoneMatchMatches } from './etag';

/**
 * Gives every successful GET answer an ETag computed from the bytes sent, and answers `304 Not
 * Modified` with no body when the client already holds them. Routes set their own Cache-Control.
 */
export function installConditionalGet(fastify: FastifyInstance): void {
  fastify.addHook('onSend', async (request, reply, payload) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
    const etag = (reply.getHeader('etag') as string | undefined) ?? etagOf(payload);
    void reply.header('etag', etag);
    const ifNoneMatch = request.headers['if-none-match'];
    if (!ifNoneMatchMatches(Array.isArray(ifNoneMatch) ? ifNoneMatch.join(',') : ifNoneMatch, etag)) return payload;
    void reply.code(304);
    return '';
  });
}

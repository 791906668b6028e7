import { ErrorCodes } from '@frontpage/contracts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** Errors the router raises before Nest sees the request (a malformed URL, a too-long parameter) keep our error shape. */
function frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send({ error: { code: ErrorCodes.ValidationFailed, message: error.message } });
}

/**
 * Router options of every service. Fastify's default `maxParamLength` (100) is shorter than a slug
 * (ARTICLE_LIMITS.slug) or a sourceId may be: such a path parameter got a 414 in Fastify's own shape
 * before any route saw it. This is longer than any valid one, so routes answer with their own reasons.
 */
export const ROUTER_OPTIONS = { routerOptions: { maxParamLength: 4096 }, frameworkErrors } as const;

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { contextFrom, CORRELATION_ID_HEADER, currentContext, runInContext, WorkContext } from '../context/request-context';

const WORK_CONTEXT = Symbol('workContext');
type WithContext = FastifyRequest & { [WORK_CONTEXT]?: WorkContext };

/**
 * The work context (correlation id + trace) of each HTTP request, set in Fastify hooks rather than
 * in a Nest interceptor: a global interceptor makes Nest wrap every handler in RxJS observables and
 * async resources, which cost more than the rest of a cached answer. Every answer, 404s and guard
 * refusals included, echoes the correlation id.
 */
export function installWorkContext(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const context = contextFrom({
      correlationId: headerValue(request.headers[CORRELATION_ID_HEADER]),
      traceparent: headerValue(request.headers.traceparent),
    });
    (request as WithContext)[WORK_CONTEXT] = context;
    void reply.header(CORRELATION_ID_HEADER, context.correlationId);
    runInContext(context, done);
  });
  // A request body is read from the socket after onRequest, outside that context: enter it again.
  fastify.addHook('preHandler', (request, _reply, done) => {
    const context = (request as WithContext)[WORK_CONTEXT];
    if (context && currentContext() !== context) runInContext(context, done);
    else done();
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

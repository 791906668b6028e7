import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import { contextFrom, CORRELATION_ID_HEADER, runInContext } from '../context/request-context';

/**
 * Runs each HTTP handler inside a work context (correlation id + trace), taken from the caller's
 * `x-correlation-id` and `traceparent` headers when present, and echoes the correlation id back.
 */
@Injectable()
export class WorkContextInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const request = execution.switchToHttp().getRequest<FastifyRequest>();
    const reply = execution.switchToHttp().getResponse<FastifyReply>();
    const context = contextFrom({
      correlationId: headerValue(request.headers[CORRELATION_ID_HEADER]),
      traceparent: headerValue(request.headers.traceparent),
    });
    void reply.header(CORRELATION_ID_HEADER, context.correlationId);
    return new Observable((subscriber) => runInContext(context, () => next.handle().subscribe(subscriber)));
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

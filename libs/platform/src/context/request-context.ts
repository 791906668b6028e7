import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { childTrace, formatTraceparent, parseTraceparent, TraceParent } from './trace-context';

/**
 * What follows one unit of work (an HTTP request, a consumed message) through every log line and
 * every message it produces, across processes.
 */
export interface WorkContext {
  correlationId: string;
  trace: TraceParent;
}

const storage = new AsyncLocalStorage<WorkContext>();

export const CORRELATION_ID_HEADER = 'x-correlation-id';
const CORRELATION_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export function currentContext(): WorkContext | undefined {
  return storage.getStore();
}

export function runInContext<R>(context: WorkContext, work: () => R): R {
  return storage.run(context, work);
}

/** Continues the caller's correlation id and trace, or starts new ones when absent or malformed. */
export function contextFrom(incoming: { correlationId?: string; traceparent?: string }): WorkContext {
  const correlationId =
    incoming.correlationId && CORRELATION_ID_PATTERN.test(incoming.correlationId) ? incoming.correlationId : randomUUID();
  return { correlationId, trace: childTrace(parseTraceparent(incoming.traceparent)) };
}

export function currentTraceparent(): string | undefined {
  const context = currentContext();
  return context ? formatTraceparent(context.trace) : undefined;
}

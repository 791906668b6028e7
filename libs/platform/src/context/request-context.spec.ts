import { setImmediate as nextTick } from 'node:timers/promises';
import { contextFrom, currentContext, currentTraceparent, runInContext, WorkContext } from './request-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const TRACEPARENT = `00-${TRACE_ID}-00f067aa0ba902b7-01`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function contextNamed(correlationId: string): WorkContext {
  return contextFrom({ correlationId });
}

describe('contextFrom', () => {
  it.each(['req-123', 'a', 'ABC.def_1:2-3', 'x'.repeat(128), '3f2c9a1e-5b7d-4c1a-8e2f-9a0b1c2d3e4f'])(
    'keeps the valid correlation id %j',
    (correlationId) => {
      expect(contextFrom({ correlationId }).correlationId).toBe(correlationId);
    },
  );

  it.each([undefined, '', 'has space', 'x'.repeat(129), 'a/b', 'line\nbreak', '<script>', 'naïve'])(
    'replaces the missing or malformed correlation id %j with a new uuid',
    (correlationId) => {
      const context = contextFrom({ correlationId });
      expect(context.correlationId).toMatch(UUID);
      expect(context.correlationId).not.toBe(correlationId);
    },
  );

  it('gives each new correlation id once', () => {
    expect(contextFrom({}).correlationId).not.toBe(contextFrom({}).correlationId);
  });

  it('continues the caller trace in a new span', () => {
    const { trace } = contextFrom({ traceparent: TRACEPARENT });
    expect(trace.traceId).toBe(TRACE_ID);
    expect(trace.spanId).not.toBe('00f067aa0ba902b7');
  });

  it('starts a new trace when the traceparent is missing or malformed', () => {
    for (const traceparent of [undefined, 'nonsense', `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`]) {
      const { trace } = contextFrom({ traceparent });
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.traceId).not.toBe(TRACE_ID);
      expect(trace.traceId).not.toBe('0'.repeat(32));
    }
  });
});

describe('runInContext / currentContext', () => {
  it('has no context outside a unit of work', () => {
    expect(currentContext()).toBeUndefined();
    expect(currentTraceparent()).toBeUndefined();
  });

  it('returns what the work returns, with the context visible inside it', () => {
    const context = contextNamed('req-1');
    expect(runInContext(context, () => currentContext())).toBe(context);
    expect(currentContext()).toBeUndefined();
  });

  it('keeps the context across awaits, event-loop hops and promise chains', async () => {
    const context = contextNamed('req-async');
    const seen = await runInContext(context, async () => {
      const ids = [currentContext()?.correlationId];
      await Promise.resolve();
      ids.push(currentContext()?.correlationId);
      await nextTick();
      ids.push(currentContext()?.correlationId);
      await new Promise((resolve) => setImmediate(resolve)); // a hop through the event loop's check phase
      ids.push(currentContext()?.correlationId);
      ids.push(await Promise.resolve().then(() => currentContext()?.correlationId));
      return ids;
    });
    expect(seen).toEqual(Array(5).fill('req-async'));
    expect(currentContext()).toBeUndefined();
  });

  it('keeps concurrent units of work apart', async () => {
    const work = (id: string, ticks: number) =>
      runInContext(contextNamed(id), async () => {
        const seen: string[] = [];
        for (let i = 0; i < ticks; i++) {
          await nextTick();
          seen.push(currentContext()?.correlationId ?? 'none');
        }
        return seen;
      });
    const [a, b] = await Promise.all([work('req-a', 4), work('req-b', 3)]);
    expect(a).toEqual(Array(4).fill('req-a'));
    expect(b).toEqual(Array(3).fill('req-b'));
  });

  it('restores the outer context after a nested one', async () => {
    const outer = contextNamed('outer');
    const inner = contextNamed('inner');
    const seen = await runInContext(outer, async () => {
      const during = await runInContext(inner, async () => {
        await nextTick();
        return currentContext()?.correlationId;
      });
      return [during, currentContext()?.correlationId];
    });
    expect(seen).toEqual(['inner', 'outer']);
  });

  it('formats the traceparent of the current context', () => {
    const context = contextFrom({ correlationId: 'req-t', traceparent: TRACEPARENT });
    const traceparent = runInContext(context, () => currentTraceparent());
    expect(traceparent).toBe(`00-${TRACE_ID}-${context.trace.spanId}-01`);
  });
});

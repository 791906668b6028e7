import Fastify from 'fastify';
import { currentContext } from '../context/request-context';
import { installWorkContext } from './work-context.hooks';

describe('installWorkContext', () => {
  const app = Fastify();
  installWorkContext(app);
  app.get('/seen', async () => ({ correlationId: currentContext()?.correlationId, traceId: currentContext()?.trace.traceId }));
  app.post('/seen', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return { correlationId: currentContext()?.correlationId };
  });
  afterAll(() => app.close());

  it("continues the caller's correlation id and trace, and echoes the id", async () => {
    const response = await app.inject({
      url: '/seen',
      headers: { 'x-correlation-id': 'req-42', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
    });
    expect(response.headers['x-correlation-id']).toBe('req-42');
    expect(response.json()).toEqual({ correlationId: 'req-42', traceId: '4bf92f3577b34da6a3ce929d0e0e4736' });
  });

  it('starts a new context when there is none, and gives it to a handler that reads a body', async () => {
    const response = await app.inject({ method: 'POST', url: '/seen', payload: { some: 'body' } });
    const id = response.headers['x-correlation-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.json()).toEqual({ correlationId: id });
  });

  it('echoes the id on answers no route gave', async () => {
    const response = await app.inject({ url: '/nowhere', headers: { 'x-correlation-id': 'lost-1' } });
    expect(response.statusCode).toBe(404);
    expect(response.headers['x-correlation-id']).toBe('lost-1');
  });
});

import Fastify from 'fastify';
import { installConditionalGet } from './conditional-get';
import { etagOf } from './etag';
import { prepareJson } from './prepared-json';

describe('installConditionalGet', () => {
  const cached = prepareJson({ items: ['a', 'b'], total: 2 });
  const app = Fastify();
  installConditionalGet(app);
  app.get('/cached', async () => cached);
  app.get('/fresh', async () => ({ items: ['c'], total: 1 }));
  afterAll(() => app.close());

  it('sends a prepared answer as stored, with its stored ETag, and 304 when the client holds it', async () => {
    const first = await app.inject({ url: '/cached' });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.json()).toEqual(cached);
    expect(first.headers.etag).toBe(etagOf(JSON.stringify(cached)));
    const again = await app.inject({ url: '/cached', headers: { 'if-none-match': first.headers.etag as string } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('tags any other answer by the bytes sent', async () => {
    const response = await app.inject({ url: '/fresh' });
    expect(response.body).toBe('{"items":["c"],"total":1}');
    expect(response.headers.etag).toBe(etagOf(response.body));
  });
});

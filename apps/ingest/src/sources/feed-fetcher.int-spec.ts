import { freePort } from '@frontpage/testing';
import { createServer, IncomingHttpHeaders, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { FeedFetchError, fetchFeed, retryAfterSeconds } from './feed-fetcher';

/** A loopback server whose answer each test sets; it keeps the headers of the last request. */
describe('fetchFeed against a local HTTP server', () => {
  let server: Server;
  let base: string;
  let answer: (response: ServerResponse, headers: IncomingHttpHeaders, url?: string) => void;
  let lastHeaders: IncomingHttpHeaders;
  const options = { timeoutMs: 1000, maxBytes: 4096 };

  beforeAll(async () => {
    server = createServer((request, response) => {
      lastHeaders = request.headers;
      answer(response, request.headers, request.url);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('returns the body with its validators, and sends them back as conditional headers', async () => {
    answer = (response, headers) => {
      if (headers['if-none-match'] === '"v1"') return void response.writeHead(304).end();
      response.writeHead(200, {
        'content-type': 'application/rss+xml; charset=utf-8',
        etag: '"v1"',
        'last-modified': 'Wed, 04 Mar 2026 10:00:00 GMT',
      });
      response.end('<rss version="2.0">café</rss>');
    };
    const first = await fetchFeed(`${base}/feed`, {}, options);
    expect(first).toEqual({
      status: 'ok',
      body: '<rss version="2.0">café</rss>',
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT',
    });
    expect(lastHeaders['if-none-match']).toBeUndefined();
    expect(await fetchFeed(`${base}/feed`, { etag: '"v1"', lastModified: 'Wed, 04 Mar 2026 10:00:00 GMT' }, options)).toEqual({
      status: 'not-modified',
    });
    expect(lastHeaders).toMatchObject({ 'if-none-match': '"v1"', 'if-modified-since': 'Wed, 04 Mar 2026 10:00:00 GMT' });
    expect(lastHeaders.accept).toMatch(/application\/rss\+xml/);
  });

  it('decodes the charset the server names', async () => {
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/xml; charset=ISO-8859-1' });
      response.end(Buffer.from('caf\u00e9', 'latin1'));
    };
    expect(await fetchFeed(`${base}/latin`, {}, options)).toMatchObject({ body: 'café' });
  });

  it('fails on an HTTP error with the status and any Retry-After', async () => {
    answer = (response) => response.writeHead(503, { 'retry-after': '120' }).end('busy');
    const error = await fetchFeed(`${base}/busy`, {}, options).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FeedFetchError);
    expect(error).toMatchObject({ message: 'HTTP 503 Service Unavailable', retryAfterSeconds: 120 });
  });

  it('fails on a feed over the size limit, declared or streamed, and counts the bytes after decompression', async () => {
    answer = (response) => response.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000));
    await expect(fetchFeed(`${base}/declared`, {}, options)).rejects.toThrow('the feed is larger than 4096 bytes');
    answer = (response) => {
      response.writeHead(200, { 'content-type': 'application/xml' });
      for (let i = 0; i < 10; i++) response.write('y'.repeat(1000));
      response.end();
    };
    await expect(fetchFeed(`${base}/streamed`, {}, options)).rejects.toThrow('the feed is larger than 4096 bytes');
    answer = (response) => response.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('z'.repeat(100_000)));
    await expect(fetchFeed(`${base}/bomb`, {}, options)).rejects.toThrow('the feed is larger than 4096 bytes');
  });

  it('fails on a server that does not answer in time, and on one that is not there', async () => {
    answer = () => undefined;
    await expect(fetchFeed(`${base}/silent`, {}, { ...options, timeoutMs: 200 })).rejects.toThrow('timed out after 200 ms');
    const closed = await freePort();
    await expect(fetchFeed(`http://127.0.0.1:${closed}/closed`, {}, options)).rejects.toThrow(/^fetch failed: .*ECONNREFUSED/);
  });

  it('follows redirects, up to a limit', async () => {
    answer = (response, _headers, url) => {
      if (url === '/old') return void response.writeHead(301, { location: '/new' }).end();
      if (url === '/loop') return void response.writeHead(302, { location: '/loop' }).end();
      response.writeHead(200, { 'content-type': 'application/xml' }).end('<rss/>');
    };
    expect(await fetchFeed(`${base}/old`, {}, options)).toMatchObject({ status: 'ok', body: '<rss/>' });
    await expect(fetchFeed(`${base}/loop`, {}, options)).rejects.toThrow('more than 5 redirects');
  });

  it('refuses private addresses when told to', async () => {
    answer = (response) => response.writeHead(200).end('<rss/>');
    await expect(fetchFeed(`${base}/feed`, {}, { ...options, allowPrivateAddresses: false })).rejects.toThrow(
      /^refused: 127\.0\.0\.1 resolves to a private address/,
    );
  });

  it('stops when the service stops', async () => {
    answer = () => undefined;
    const stopping = new AbortController();
    const fetching = fetchFeed(`${base}/slow`, {}, { ...options, signal: stopping.signal });
    stopping.abort();
    await expect(fetching).rejects.toThrow('stopped: the service is shutting down');
  });
});

describe('retryAfterSeconds', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-03-04T10:00:00Z');
    expect(retryAfterSeconds('30', now)).toBe(30);
    expect(retryAfterSeconds('Wed, 04 Mar 2026 10:02:00 GMT', now)).toBe(120);
    expect(retryAfterSeconds('soon', now)).toBeUndefined();
    expect(retryAfterSeconds(null, now)).toBeUndefined();
  });
});

import { privateHostReason } from './feed-address';

/** Validators from the last complete fetch, sent back so an unchanged feed costs a 304. */
export interface FeedValidators {
  etag?: string;
  lastModified?: string;
}

export type FetchedFeed = { status: 'not-modified' } | ({ status: 'ok'; body: string; contentType?: string } & FeedValidators);

export interface FetchOptions {
  timeoutMs: number;
  maxBytes: number;
  /** Aborts the fetch when the process stops. */
  signal?: AbortSignal;
  /** Whether hosts on loopback, private or link-local addresses may be fetched (and redirected to). */
  allowPrivateAddresses?: boolean;
}

const MAX_REDIRECTS = 5;

/** A fetch that failed: the message is what operators see as the source's `lastError`. */
export class FeedFetchError extends Error {
  constructor(
    message: string,
    /** The server's Retry-After (429, 503), in seconds. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'FeedFetchError';
  }
}

const ACCEPT = [
  'application/rss+xml',
  'application/atom+xml',
  'application/feed+json',
  'application/json;q=0.9',
  'application/xml;q=0.9',
  'text/xml;q=0.9',
  '*/*;q=0.5',
].join(', ');

/** A conditional GET of a feed, within a time and a size limit (counted after decompression). */
export async function fetchFeed(url: string, validators: FeedValidators, options: FetchOptions): Promise<FetchedFeed> {
  // A timer of our own, cleared as soon as the fetch is over: no timer outlives its poll.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const stop = () => controller.abort();
  if (options.signal?.aborted) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const signal = controller.signal;
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': 'FrontpageIngest/1 (feed poller)' };
  if (validators.etag) headers['if-none-match'] = validators.etag;
  if (validators.lastModified) headers['if-modified-since'] = validators.lastModified;
  try {
    const response = await fetchFollowing(url, headers, signal, options.allowPrivateAddresses ?? true);
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not-modified' };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new FeedFetchError(
        `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
        retryAfterSeconds(response.headers.get('retry-after')),
      );
    }
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(options.maxBytes);
    }
    const body = await readLimited(response, options.maxBytes);
    return {
      status: 'ok',
      body,
      contentType: response.headers.get('content-type') ?? undefined,
      etag: response.headers.get('etag') ?? undefined,
      lastModified: response.headers.get('last-modified') ?? undefined,
    };
  } catch (error) {
    if (error instanceof FeedFetchError) throw error;
    if (timedOut) throw new FeedFetchError(`timed out after ${options.timeoutMs} ms`);
    if (options.signal?.aborted) throw new FeedFetchError('stopped: the service is shutting down');
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new FeedFetchError(`fetch failed: ${cause?.message ?? cause?.code ?? (error as Error).message}`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', stop);
  }
}

/** Follows redirects itself, so that every address it is sent to is checked. */
async function fetchFollowing(url: string, headers: Record<string, string>, signal: AbortSignal, allowPrivate: boolean): Promise<Response> {
  let target = new URL(url);
  for (let hop = 0; ; hop++) {
    if (!/^https?:$/.test(target.protocol)) throw new FeedFetchError(`refused: ${target.protocol} is not http or https`);
    const refusal = allowPrivate ? undefined : await privateHostReason(target.hostname);
    if (refusal) throw new FeedFetchError(`refused: ${refusal}`);
    const response = await fetch(target, { headers, signal, redirect: 'manual' });
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || response.status === 304 || !location) return response;
    await response.body?.cancel();
    if (hop >= MAX_REDIRECTS) throw new FeedFetchError(`more than ${MAX_REDIRECTS} redirects`);
    target = new URL(location, target);
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return new TextDecoder(charsetOf(response.headers.get('content-type'))).decode(Buffer.concat(chunks));
}

function tooLarge(maxBytes: number): FeedFetchError {
  return new FeedFetchError(`the feed is larger than ${maxBytes} bytes`);
}

function charsetOf(contentType: string | null): string {
  const charset = /charset="?([\w-]+)"?/i.exec(contentType ?? '')?.[1]?.toLowerCase();
  if (!charset) return 'utf-8';
  try {
    new TextDecoder(charset);
    return charset;
  } catch {
    return 'utf-8';
  }
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

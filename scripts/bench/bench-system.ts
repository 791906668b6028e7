import { resolveInfrastructure } from '../infra';
import { TEST_INGEST_KEY, TestSystem } from '../../libs/testing/src/test-system';
import type { ServiceName } from '../../libs/testing/src/service-process';

/** The five services from dist/ on the usual local (or configured) infrastructure, in a run of their own. */
export async function startBenchSystem(label: string, only?: ServiceName[]): Promise<TestSystem> {
  const infra = await resolveInfrastructure('test');
  process.env.KAFKA_BROKERS = infra.kafkaBrokers;
  process.env.MONGODB_URI = infra.mongodbUri;
  return TestSystem.start(label, only, {
    LOG_LEVEL: 'warn',
    COMMENT_RATE_LIMIT_BURST: '1000000',
    COMMENT_RATE_LIMIT_PER_MINUTE: '1000000',
  });
}

/**
 * Posts an article and returns its id. A 503 (ingest at capacity, or Kafka slow to acknowledge) is
 * retried after its Retry-After, as the API asks clients to, while `retryUntil` allows; `onRetry` counts
 * them. Given a function, the article is made afresh for each attempt.
 */
export async function postArticle(
  ingestUrl: string,
  article: Record<string, unknown> | (() => Record<string, unknown>),
  options: { retryUntil?: number; onRetry?: () => void } = {},
): Promise<string> {
  for (;;) {
    const response = await fetch(`${ingestUrl}/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_INGEST_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify(typeof article === 'function' ? article() : article),
    });
    const text = await response.text();
    if (response.status === 202) return (JSON.parse(text) as { id: string }).id;
    const wait = (Number(response.headers.get('retry-after')) || 1) * 1000;
    if (response.status !== 503 || options.retryUntil === undefined || Date.now() + wait > options.retryUntil) {
      throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
    }
    options.onRetry?.();
    // With jitter, as clients should: refusals that came together do not all come back together.
    await sleep(wait * (1 + Math.random()));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

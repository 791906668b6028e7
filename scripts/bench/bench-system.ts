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

export async function postArticle(ingestUrl: string, article: Record<string, unknown>): Promise<string> {
  const response = await fetch(`${ingestUrl}/v1/articles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TEST_INGEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify(article),
  });
  const text = await response.text();
  if (response.status !== 202) throw new Error(`ingest answered ${response.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { id: string }).id;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

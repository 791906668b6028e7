import { Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, TestSystem } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

async function metrics(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, by metric name and a subset of its labels. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`)) continue;
    const matches = Object.entries(labels).every(([label, value]) => line.includes(`${label}="${value}"`));
    if (matches) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe('what operators see: metrics, health and logs that follow a request', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    system = await TestSystem.start('ops', ['article', 'feed', 'ingest', 'gateway']);
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  it('carries one correlation id and trace through ingest, article and feed logs', async () => {
    const correlationId = `ops-${randomUUID()}`;
    const { body, headers } = await submit(system.url('ingest'), anArticle(), undefined, { 'x-correlation-id': correlationId });
    expect(headers.get('x-correlation-id')).toBe(correlationId);

    const lines = await eventually(() => {
      const found = (['ingest', 'article', 'feed'] as const).map((name) =>
        system
          .service(name)
          .logLines()
          .find((line) => line.articleId === body.id && line.correlationId === correlationId),
      );
      expect(found.every(Boolean)).toBe(true);
      return found as Record<string, unknown>[];
    });
    expect(lines.map((line) => line.msg)).toEqual(['article accepted', 'submission created', 'feed item projected']);
    expect(new Set(lines.map((line) => line.traceId)).size).toBe(1);
    for (const line of lines) expect(line).toMatchObject({ level: 'info', time: expect.any(String), service: expect.any(String) });
  });

  it('counts requests, messages produced, consumed and dead-lettered, handler time and lag per partition', async () => {
    const { body } = await submit(system.url('ingest'), anArticle());
    await eventually(async () => {
      const page = await getJson<{ items: { id: string }[] }>(`${system.url('gateway')}/v1/feed?limit=100`);
      expect(page.body.items.map((item) => item.id)).toContain(body.id);
    });
    const poisonKey = randomUUID();
    await probe.send(system.topic(Topics.NewsArticles), {
      key: poisonKey,
      value: '{]',
      headers: {
        ce_specversion: '1.0',
        ce_id: poisonKey,
        ce_type: 'ArticlePublished',
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
      },
    });

    const ingest = await metrics(system.url('ingest'));
    expect(
      sample(ingest, 'http_request_duration_seconds_count', { route: '/v1/articles', status: '202', service: 'ingest' }),
    ).toBeGreaterThanOrEqual(2);
    expect(sample(ingest, 'kafka_messages_produced_total', { topic: Topics.IngestArticles })).toBeGreaterThanOrEqual(2);

    const article = await metrics(system.url('article'));
    expect(sample(article, 'kafka_messages_consumed_total', { topic: Topics.IngestArticles, outcome: 'handled' })).toBeGreaterThanOrEqual(
      2,
    );
    expect(sample(article, 'kafka_handler_duration_seconds_count', { topic: Topics.IngestArticles })).toBeGreaterThanOrEqual(2);
    expect(article).toMatch(
      new RegExp(`kafka_consumer_lag_messages\\{topic="${Topics.IngestArticles.replace(/\./g, '\\.')}",partition="\\d"`),
    );

    await eventually(async () => {
      const feed = await metrics(system.url('feed'));
      expect(sample(feed, 'kafka_messages_dead_lettered_total', { topic: Topics.NewsArticles, code: 'MESSAGE.UNREADABLE' })).toBe(1);
    });
    const gateway = await metrics(system.url('gateway'));
    expect(sample(gateway, 'http_request_duration_seconds_count', { route: '/v1/feed', status: '200' })).toBeGreaterThanOrEqual(1);
  });

  it('answers liveness and readiness with the state of each dependency', async () => {
    const live = await getJson<{ status: string }>(`${system.url('feed')}/health/live`);
    expect(live).toMatchObject({ status: 200, body: { status: 'ok' } });
    const ready = await getJson<{ status: string; checks: Record<string, { ok: boolean }> }>(`${system.url('feed')}/health/ready`);
    expect(ready.status).toBe(200);
    expect(Object.keys(ready.body.checks).sort()).toEqual(['consumer', 'kafka', 'store']);
    expect(Object.values(ready.body.checks).every((check) => check.ok)).toBe(true);
  });
});

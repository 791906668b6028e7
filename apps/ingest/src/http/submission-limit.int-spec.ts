import { ServiceConfigModule } from '@frontpage/config';
import { Topics } from '@frontpage/contracts';
import { MessagingModule } from '@frontpage/messaging';
import { MetricsService, PlatformModule, StoreModule } from '@frontpage/platform';
import { eventually, KafkaProbe, ProbedMessage, TEST_INGEST_KEY } from '@frontpage/testing';
import { startTestApp, TestApp } from '@frontpage/testing/nest-test-app';
import { randomUUID } from 'node:crypto';
import { ArticlesModule } from '../articles/articles.module';
import { IngestConfig } from '../ingest.config';
import { PagesModule } from '../pages/pages.module';

const auth = { authorization: `Bearer ${TEST_INGEST_KEY}`, 'content-type': 'application/json' };

function article() {
  const sourceId = randomUUID();
  return {
    source: 'wire',
    sourceId,
    headline: `Harbour bridge reopens ${sourceId.slice(0, 8)}`,
    body: 'The bridge reopened on Monday after a week of repairs, officials said, and traffic is back to normal.',
  };
}

/** Ingest in process on the real broker and store, allowed one submission at a time. */
describe('ingest at capacity', () => {
  let service: TestApp;
  const probe = new KafkaProbe();
  let published: ProbedMessage[];

  beforeAll(async () => {
    service = await startTestApp({
      label: 'ingest-limit',
      env: { INGEST_API_KEYS: `wire:${TEST_INGEST_KEY}`, INGEST_MAX_IN_FLIGHT: '1' },
      // IngestModule's own list, less the feed poller: its config is read when the module file loads,
      // before this test's environment is set, so the modules are named here.
      imports: () => [
        ServiceConfigModule.forService('ingest', IngestConfig),
        PlatformModule,
        StoreModule.forRoot(),
        MessagingModule,
        ArticlesModule,
        PagesModule,
      ],
    });
    published = await probe.collect(service.topic(Topics.IngestArticles));
  }, 60_000);

  afterAll(async () => {
    await probe.close();
    await service?.close();
  }, 30_000);

  const submit = (body: unknown) =>
    service.app.inject({ method: 'POST', url: '/v1/articles', headers: auth, payload: JSON.stringify(body) });

  it('answers a burst beyond its limit with 503 and Retry-After at once, and loses none it accepted', async () => {
    const responses = await Promise.all(Array.from({ length: 20 }, () => submit(article())));
    const accepted = responses.filter((response) => response.statusCode === 202);
    const refused = responses.filter((response) => response.statusCode === 503);
    expect(accepted.length + refused.length).toBe(responses.length);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const response of refused) {
      expect(response.headers['retry-after']).toBe('1');
      expect(response.json()).toMatchObject({ error: { code: 'SERVICE.OVERLOADED' } });
    }
    const ids = accepted.map((response) => (response.json() as { id: string }).id);
    await eventually(() => expect(ids.filter((id) => !published.some((message) => message.key === id))).toEqual([]));

    const shed = await service.app.get(MetricsService).registry.getSingleMetricAsString('ingest_submissions_shed_total');
    expect(shed).toMatch(new RegExp(`^ingest_submissions_shed_total(\\{[^}]*\\})? ${refused.length}$`, 'm'));
  });

  it('gives the place back whatever the outcome: after a refused body, the next submission is taken', async () => {
    expect((await submit({ headline: '' })).statusCode).toBe(400);
    expect((await submit(article())).statusCode).toBe(202);
    expect((await submit(article())).statusCode).toBe(202);
  });
});

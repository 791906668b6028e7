import { Topics } from '@frontpage/contracts';
import { eventually, EventSchemaValidator, getJson, postJson, TestSystem } from '@frontpage/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

interface KcatRecord {
  topic: string;
  key: string | null;
  payload: string | null;
  headers?: string[];
}

/** Reads a whole topic with kcat, a Kafka client that shares no code with ours, as a partner would. */
function readWithKcat(topic: string): KcatRecord[] {
  const output = execFileSync('kcat', ['-b', process.env.KAFKA_BROKERS!, '-C', '-t', topic, '-o', 'beginning', '-e', '-q', '-J'], {
    encoding: 'utf8',
    timeout: 30_000,
  });
  return output
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as KcatRecord);
}

function headersOf(record: KcatRecord): Record<string, string> {
  const pairs = record.headers ?? [];
  const headers: Record<string, string> = {};
  for (let i = 0; i < pairs.length; i += 2) headers[pairs[i]] = pairs[i + 1];
  return headers;
}

describe('a partner reading the public topics with kcat', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start('partners', ['article', 'feed', 'comment', 'ingest', 'gateway']);
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  it('sees CloudEvents headers and schema-valid JSON for every event, keyed by article id, with the request correlation id', async () => {
    const correlationId = `partner-test-${randomUUID()}`;
    const first = anArticle();
    const accepted = await submit(system.url('ingest'), first, undefined, { 'x-correlation-id': correlationId });
    await submit(system.url('ingest'), { ...first, headline: `${first.headline} (updated)` });
    await submit(system.url('ingest'), anArticle());

    const topic = system.topic(Topics.NewsArticles);
    const records = await eventually(() => {
      const read = readWithKcat(topic);
      expect(read).toHaveLength(3);
      return read;
    });

    const validator = new EventSchemaValidator();
    for (const record of records) {
      const headers = headersOf(record);
      expect(headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json', ce_source: '/frontpage/article' });
      expect(headers.ce_id).toEqual(expect.any(String));
      expect(headers.ce_time).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(validator.problems(Topics.NewsArticles, headers.ce_type, record.payload)).toEqual([]);
      expect(record.key).toBe(JSON.parse(record.payload!).id);
    }
    const types = records.filter((r) => r.key === accepted.body.id).map((r) => headersOf(r).ce_type);
    expect(types.sort()).toEqual(['ArticlePublished', 'ArticleUpdated']);
    const published = records.find((r) => r.key === accepted.body.id && headersOf(r).ce_type === 'ArticlePublished')!;
    expect(headersOf(published).ce_correlationid).toBe(correlationId);
    expect(headersOf(published).ce_id).toBe(`${accepted.body.id}:v1`);
  });

  it('sees schema-valid comment events with no email and no client address', async () => {
    const article = await submit(system.url('ingest'), anArticle());
    const slug = await eventually(async () => {
      const page = await getJson<{ article: { slug: string } }>(`${system.url('gateway')}/v1/articles/${article.body.id}`);
      if (page.status === 200) return page.body.article.slug;
      const feed = await getJson<{ items: { id: string; slug: string }[] }>(`${system.url('gateway')}/v1/feed?limit=100`);
      const item = feed.body.items.find((i) => i.id === article.body.id);
      if (!item) throw new Error('article not in the feed yet');
      return item.slug;
    });
    const email = `Partner.Scan+${randomUUID().slice(0, 8)}@Example.ORG`;
    const address = '203.0.113.77';
    const submitted = await eventually(async () => {
      const response = await postJson<{ id: string }>(
        `${system.url('gateway')}/v1/articles/${slug}/comments`,
        { authorName: 'Partner Scan', authorEmail: email, body: 'A reader comment the partner should see without its author’s email.' },
        { 'x-forwarded-for': address },
      );
      expect(response.status).toBe(202);
      return response.body;
    });
    const moderator = { authorization: 'Bearer dev-moderator-token' };
    await eventually(async () => {
      const approved = await postJson(`${system.url('comment')}/v1/comments/${submitted.id}/approve`, {}, moderator);
      expect(approved.status).toBe(200);
    });

    const topic = system.topic(Topics.NewsComments);
    const records = await eventually(() => {
      const read = readWithKcat(topic);
      expect(read.length).toBeGreaterThanOrEqual(1);
      return read;
    });
    const validator = new EventSchemaValidator();
    for (const record of records) {
      const headers = headersOf(record);
      expect(headers).toMatchObject({ ce_specversion: '1.0', 'content-type': 'application/json', ce_source: '/frontpage/comment' });
      expect(validator.problems(Topics.NewsComments, headers.ce_type, record.payload)).toEqual([]);
      expect(record.key).toBe(article.body.id);
    }
    const everything = JSON.stringify([records, readWithKcat(system.topic(Topics.NewsArticles))]).toLowerCase();
    expect(everything).toContain('partner scan');
    expect(everything).not.toContain(email.toLowerCase());
    expect(everything).not.toContain(address);
  });
});

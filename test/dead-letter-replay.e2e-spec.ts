import { articleIdFor, Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, TEST_SOURCE, TestSystem } from '@frontpage/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

describe('npm run dlq: inspecting and replaying dead letters', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    system = await TestSystem.start('dlq', ['article', 'ingest']);
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  const dlq = (...args: string[]) =>
    execFileSync(
      process.execPath,
      [resolve(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/dlq/cli.ts', ...args, '--prefix', system.topicPrefix],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );

  it('lists dead letters with their reasons, replays them once after a fix, and never twice', async () => {
    // A message dead-lettered during an outage: valid, so a replay succeeds.
    const sourceId = randomUUID();
    const articleId = articleIdFor(TEST_SOURCE, sourceId);
    const now = new Date().toISOString();
    const command = {
      articleId,
      source: TEST_SOURCE,
      sourceId,
      headline: 'Recovered from the dead-letter topic',
      body: 'This story was dead-lettered while the store was down.',
      bodyFormat: 'text',
      tags: [],
      sourceUpdatedAt: now,
      receivedAt: now,
    };
    await probe.send(system.topic(`${Topics.IngestArticles}.dlq`), {
      key: articleId,
      value: JSON.stringify(command),
      headers: {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_type: 'ArticleSubmitted',
        ce_source: '/frontpage/ingest',
        ce_time: now,
        'content-type': 'application/json',
        dlq_error_code: 'MESSAGE.HANDLER_FAILED',
        dlq_error: 'store unavailable',
        dlq_original_topic: Topics.IngestArticles,
        dlq_attempts: '5',
      },
    });
    // And a real poison message, dead-lettered by the article service itself.
    const poisonKey = randomUUID();
    await probe.send(system.topic(Topics.IngestArticles), {
      key: poisonKey,
      value: 'not json',
      headers: { ce_specversion: '1.0', ce_id: poisonKey, ce_type: 'ArticleSubmitted', ce_source: '/tests', ce_time: now },
    });

    const listing = await eventually(() => {
      const output = dlq('list', '--topic', Topics.IngestArticles);
      expect(output).toMatch(/^2 dead letter\(s\)/);
      return output;
    });
    expect(listing).toContain('MESSAGE.UNREADABLE');
    expect(listing).toContain('MESSAGE.HANDLER_FAILED');
    expect(listing.match(/waiting/g)).toHaveLength(2);

    const shown = JSON.parse(dlq('show', '--topic', Topics.IngestArticles).split('\n}\n')[0] + '\n}') as {
      headers: Record<string, string>;
    };
    expect(shown.headers.dlq_original_topic).toBe(Topics.IngestArticles);

    const replayedOffsets = (output: string) => [...output.matchAll(/^\s+(\d+:\d+)\s/gm)].map((match) => match[1]);
    const firstReplay = dlq('replay', '--topic', Topics.IngestArticles);
    expect(firstReplay).toMatch(/^replayed 2 message/);
    const article = await eventually(async () => {
      const response = await getJson<{ id: string; headline: string }>(`${system.url('article')}/v1/articles/${articleId}`);
      expect(response.status).toBe(200);
      return response.body;
    });
    expect(article.headline).toBe('Recovered from the dead-letter topic');

    // The poison is still poison: it comes back to the DLQ as a new dead letter; the replayed ones are marked.
    const afterReplay = await eventually(() => {
      const output = dlq('list', '--topic', Topics.IngestArticles);
      expect(output).toMatch(/^3 dead letter\(s\)/);
      return output;
    });
    expect(afterReplay.match(/replayed/g)).toHaveLength(2);
    expect(afterReplay.match(/waiting/g)).toHaveLength(1);

    // A second replay sends only the new dead letter: no message is ever replayed twice.
    const secondReplay = dlq('replay', '--topic', Topics.IngestArticles);
    expect(secondReplay).toMatch(/^replayed 1 message/);
    expect(replayedOffsets(firstReplay)).toHaveLength(2);
    expect(replayedOffsets(firstReplay)).not.toContain(replayedOffsets(secondReplay)[0]);
  });
});

import { eventually, getJson, TestSystem } from '@frontpage/testing';
import { anArticle, submit } from './articles.fixture';

interface FeedPage {
  items: { id: string }[];
  total: number;
}

describe('a service stopped with SIGTERM', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start('restart');
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const feedIds = async () => (await getJson<FeedPage>(`${system.url('gateway')}/v1/feed?limit=100`)).body.items.map((item) => item.id);

  it('exits cleanly within 10 s and, restarted, resumes where it left off without loss or duplicates', async () => {
    const ingest = system.url('ingest');
    const before = await submit(ingest, anArticle());
    await eventually(async () => expect(await feedIds()).toContain(before.body.id));

    const article = system.service('article');
    const stopped = await article.stop('SIGTERM');
    expect(stopped).toMatchObject({ code: 0, signal: null });
    expect(stopped.ms).toBeLessThan(10_000);
    expect(article.logLines().some((line) => line.msg === 'stopped cleanly')).toBe(true);

    // Accepted while the article service is down: Kafka holds them.
    const whileDown: string[] = [];
    for (let i = 0; i < 3; i++) whileDown.push((await submit(ingest, anArticle())).body.id);
    const linesBeforeRestart = article.output.length;
    await article.start();

    await eventually(async () => {
      const ids = await feedIds();
      for (const id of whileDown) expect(ids).toContain(id);
    });
    const ids = await feedIds();
    expect(ids.filter((id) => [before.body.id, ...whileDown].includes(id)).sort()).toEqual([before.body.id, ...whileDown].sort());
    expect(new Set(ids).size).toBe(ids.length);

    // After the restart each waiting submission was created once, and the one committed before the stop was not seen again.
    const created = article.output
      .slice(linesBeforeRestart)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'submission created')
      .map((line) => line.articleId);
    expect(created.sort()).toEqual([...whileDown].sort());
    expect(article.logLines().filter((line) => line.articleId === before.body.id && line.msg === 'submission created')).toHaveLength(1);
  });

  it('stops every other service cleanly too', async () => {
    for (const name of ['gateway', 'ingest', 'feed', 'comment'] as const) {
      const result = await system.service(name).stop('SIGTERM');
      expect({ name, code: result.code }).toEqual({ name, code: 0 });
      expect(result.ms).toBeLessThan(10_000);
    }
  });
});

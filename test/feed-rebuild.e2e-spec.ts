import { Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, TestSystem } from '@frontpage/testing';
import mongoose, { Connection } from 'mongoose';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

interface Item {
  id: string;
  headline: string;
  commentCount: number;
}
interface Page {
  items: Item[];
  total: number;
  nextCursor?: string | null;
}
interface Pointer {
  active: number;
  building: number | null;
}

jest.setTimeout(240_000);

const ROOT = resolve(__dirname, '..');
const run = randomUUID().slice(0, 6);
const section = `rebuild${run}`;
/** In every article this test publishes: a search for it finds them all, once they are indexed. */
const word = `quillon${run}`;
const LEGACY = ['feed_items', 'feed_comment_marks', 'feed_search_terms'];

/** A finished child process: how it ended and what it printed. */
interface Finished {
  code: number | null;
  output: string[];
}

class RebuildProcess {
  readonly output: string[] = [];
  readonly finished: Promise<Finished>;
  private readonly child: ChildProcess;

  constructor(command: string, args: string[], env: Record<string, string>) {
    this.child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    this.child.stdout?.on('data', keep);
    this.child.stderr?.on('data', keep);
    this.finished = new Promise((resolveExit) => this.child.once('exit', (code) => resolveExit({ code, output: this.output })));
  }

  printed(text: string): boolean {
    return this.output.some((line) => line.includes(text));
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

describe('npm run feed:rebuild: a new projection generation while two feed replicas keep serving', () => {
  let system: TestSystem;
  let store: Connection;
  const probe = new KafkaProbe();
  const ids = Array.from({ length: 8 }, () => randomUUID());
  const comments = Array.from({ length: 4 }, () => randomUUID());

  const replicas = () => [system.url('feed'), ...system.replicas.map((replica) => replica.url)];
  const rebuildEnv = () => ({
    KAFKA_TOPIC_PREFIX: system.topicPrefix,
    KAFKA_CONSUMER_GROUP: `${system.runId}-feed`,
    MONGODB_DATABASE: `${system.runId}-feed`.slice(0, 60),
  });
  const pointer = async () => (await store.collection('feed_projection_state').findOne({ _id: 'feed' as never })) as Pointer | null;
  const collections = async () => (await store.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  /** Every page: on a fast store the readers below post more than one page of articles during a rebuild. */
  const allPages = async (first: string): Promise<Page> => {
    const page = (await getJson<Page>(first)).body;
    const items = [...page.items];
    for (let cursor = page.nextCursor; cursor;) {
      const next = (await getJson<Page>(`${first}&cursor=${encodeURIComponent(cursor)}`)).body;
      items.push(...next.items);
      cursor = next.nextCursor;
    }
    return { items, total: page.total };
  };
  const feedOf = (url: string) => allPages(`${url}/v1/feed?limit=100`);
  const generationOf = async (url: string) => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = /^feed_projection_generation\{[^}]*state="active"[^}]*\} (\d+)$/m.exec(text);
    return match ? Number(match[1]) : undefined;
  };
  const searchOf = (url: string) => allPages(`${url}/v1/feed/search?q=${word}&limit=100`);

  function send(topic: string, type: string, key: string, data: Record<string, unknown>, id = `${key}:${type}:${randomUUID()}`) {
    return probe.send(system.topic(topic), {
      key,
      value: JSON.stringify(data),
      headers: {
        ce_specversion: '1.0',
        ce_id: id,
        ce_type: type,
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
        'content-type': 'application/json',
      },
    });
  }
  const publishArticle = (id: string, version: number, headline: string) =>
    send(Topics.NewsArticles, version === 1 ? 'ArticlePublished' : 'ArticleUpdated', id, {
      id,
      slug: `story-${id.slice(0, 8)}`,
      version,
      source: 'wire',
      sourceId: id,
      headline,
      body: `The ${word} committee met again on Tuesday.`,
      section,
      tags: ['rebuild'],
      publishedAt: new Date(Date.now() - 60_000).toISOString(),
      updatedAt: new Date().toISOString(),
    });
  const publishComment = (commentId: string, articleId: string, revision = 1) =>
    send(
      Topics.NewsComments,
      'CommentPublished',
      articleId,
      {
        commentId,
        articleId,
        articleSlug: `story-${articleId.slice(0, 8)}`,
        revision,
        authorName: 'Reader',
        body: 'Well reported.',
        featured: false,
        submittedAt: new Date().toISOString(),
        publishedAt: new Date().toISOString(),
      },
      `${commentId}:r${revision}`,
    );
  const removeComment = (commentId: string, articleId: string, revision: number) =>
    send(Topics.NewsComments, 'CommentRemoved', articleId, {
      commentId,
      articleId,
      revision,
      reason: 'rejected',
      removedAt: new Date().toISOString(),
    });

  /** What the feed must show: every article except the withdrawn one, the update at its new headline, exact comment counts. */
  const expected = (postedDuring: string[]) => ({
    ids: [...ids.filter((id) => id !== ids[2]), ...postedDuring].sort(),
    headlines: { [ids[1]]: `Second take ${run}` },
    counts: { [ids[0]]: 2, [ids[3]]: 1 },
  });

  function expectFeed(page: Page, postedDuring: string[]): void {
    const want = expected(postedDuring);
    const got = page.items.map((item) => item.id);
    expect(new Set(got).size).toBe(got.length);
    expect([...got].sort()).toEqual(want.ids);
    expect(page.total).toBe(want.ids.length);
    const byId = new Map(page.items.map((item) => [item.id, item]));
    expect(byId.get(ids[1])?.headline).toBe(want.headlines[ids[1]]);
    for (const item of page.items) expect(item.commentCount).toBe(want.counts[item.id] ?? 0);
  }

  beforeAll(async () => {
    system = await TestSystem.start('rebuild', ['feed']);
    await system.addReplica('feed');
    store = await mongoose.createConnection(process.env.MONGODB_URI!, { dbName: rebuildEnv().MONGODB_DATABASE }).asPromise();

    for (const [index, id] of ids.entries()) await publishArticle(id, 1, `Story ${index} ${run}`);
    await publishArticle(ids[1], 2, `Second take ${run}`);
    await send(Topics.NewsArticles, 'ArticleWithdrawn', ids[2], { id: ids[2], version: 2, withdrawnAt: new Date().toISOString() });
    // Poison the live consumer dead-letters: the rebuild must skip it the same way.
    await probe.send(system.topic(Topics.NewsArticles), {
      key: ids[4],
      value: '{"not": "an article"',
      headers: {
        ce_specversion: '1.0',
        ce_id: randomUUID(),
        ce_type: 'ArticlePublished',
        ce_source: '/tests',
        ce_time: new Date().toISOString(),
      },
    });
    for (const commentId of comments.slice(0, 3)) await publishComment(commentId, ids[0]);
    await publishComment(comments[0], ids[0]); // redelivered
    await removeComment(comments[2], ids[0], 2);
    await publishComment(comments[3], ids[3]);

    for (const url of replicas()) await eventually(async () => expectFeed(await feedOf(url), []), { timeoutMs: 30_000 });
    // Articles indexed before the search index existed have no terms: the state a rebuild repairs.
    await store.collection('feed_search_terms').deleteMany({});
    for (const url of replicas()) {
      expect((await searchOf(url)).total).toBe(0);
      expect(await generationOf(url)).toBe(1);
    }
  }, 180_000);

  afterAll(async () => {
    await probe.close();
    await store?.close();
    await system?.stop();
  });

  it('an interrupted rebuild leaves the active generation as it was and the pointer clean', async () => {
    const before = await collections();
    const rebuild = new RebuildProcess(process.execPath, [join(ROOT, 'dist/apps/feed/src/rebuild.js')], rebuildEnv());
    await eventually(() => expect(rebuild.printed('waiting')).toBe(true), { timeoutMs: 30_000 });
    expect(await pointer()).toMatchObject({ active: 1, building: 2 });
    rebuild.kill('SIGTERM');
    const { code, output } = await rebuild.finished;

    expect({ code, output }).toMatchObject({ code: 130 });
    expect(await pointer()).toMatchObject({ active: 1, building: null });
    expect(await collections()).toEqual(before);
    for (const url of replicas()) expectFeed(await feedOf(url), []);
  });

  it('refuses to replace the projection from topics that hold nothing (a mistyped prefix)', async () => {
    const rebuild = new RebuildProcess(process.execPath, [join(ROOT, 'dist/apps/feed/src/rebuild.js')], {
      ...rebuildEnv(),
      KAFKA_TOPIC_PREFIX: `${system.topicPrefix}typo.`,
    });
    const { code, output } = await rebuild.finished;

    expect({ code, output }).toMatchObject({ code: 1 });
    expect(output.join('\n')).toMatch(/are empty but generation 1 has articles/);
    expect(await pointer()).toMatchObject({ active: 1, building: null });
    for (const url of replicas()) expectFeed(await feedOf(url), []);
  });

  it('replays both topics into a new generation and switches every replica without a failed or empty read', async () => {
    const postedDuring: string[] = [];
    const problems: string[] = [];
    let reads = 0;
    let postedAfterCapture = 0;
    let stop = false;
    const rebuild = new RebuildProcess('npm', ['run', '--silent', 'feed:rebuild', '--', '--grace-seconds', '2'], rebuildEnv());

    // Readers hit both replicas all the time; each round also publishes an article, so some arrive
    // while the rebuild replays and only the live consumers' second write can bring them into it.
    const readers = (async () => {
      while (!stop) {
        for (const url of replicas()) {
          const [feed, search, ready] = await Promise.all([
            getJson<Page>(`${url}/v1/feed?limit=100`),
            getJson<Page>(`${url}/v1/feed/search?q=${word}&limit=100`),
            getJson(`${url}/health/ready`),
          ]);
          reads++;
          if (feed.status !== 200) problems.push(`feed ${feed.status} from ${url}`);
          else if (feed.body.items.length === 0) problems.push(`empty feed from ${url}`);
          if (search.status !== 200) problems.push(`search ${search.status} from ${url}`);
          if (ready.status !== 200) problems.push(`not ready: ${url} ${JSON.stringify(ready.body)}`);
        }
        const id = randomUUID();
        const capturedBefore = rebuild.printed('replaying up to');
        await publishArticle(id, 1, `Filed during the rebuild ${postedDuring.length} ${run}`);
        if (capturedBefore && !rebuild.printed('switched')) postedAfterCapture++;
        postedDuring.push(id);
      }
    })();

    const { code, output } = await rebuild.finished;
    expect({ code, output }).toMatchObject({ code: 0 });
    const active = (await pointer())?.active;
    expect(await pointer()).toMatchObject({ active: expect.any(Number), building: null });
    expect(active).toBeGreaterThan(1);
    // Every replica follows the pointer on its own, without a restart.
    await eventually(
      async () => {
        for (const url of replicas()) expect(await generationOf(url)).toBe(active);
      },
      { timeoutMs: 10_000 },
    );
    stop = true;
    await readers;

    expect(problems).toEqual([]);
    expect(reads).toBeGreaterThan(10);
    expect(postedAfterCapture).toBeGreaterThan(0);
    expect(output.join('\n')).toMatch(/events applied, 1 skipped/);
    for (const url of replicas()) {
      await eventually(async () => {
        expectFeed(await feedOf(url), postedDuring);
        const found = await searchOf(url);
        expect(found.items.map((item) => item.id).sort()).toEqual(expected(postedDuring).ids);
      });
    }
    const names = await collections();
    for (const base of LEGACY) {
      expect(names).not.toContain(base);
      expect(names).toContain(`${base}_g${active}`);
    }
    // Nothing left from the interrupted build, and no replica recreated the dropped generation.
    expect(names.filter((name) => /_g\d+$/.test(name) && !name.endsWith(`_g${active}`))).toEqual([]);
  });
});

import { articleIdFor, Topics } from '@frontpage/contracts';
import { eventually, getJson, KafkaProbe, postJson, ProbedMessage, TEST_SOURCE, TestSystem } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';
import { anArticle, submit } from './articles.fixture';

interface PublicComment {
  id: string;
  parentId: string | null;
  authorName: string;
  authorUrl: string | null;
  body: string;
  featured: boolean;
  repliesCount: number;
  replies: PublicComment[];
}

interface CommentPage {
  open: boolean;
  total: number;
  items: PublicComment[];
  nextCursor: string | null;
}

interface QueueItem {
  id: string;
  status: string;
  reason: string;
  authorEmail: string;
  checks: { step: string; outcome: string; reason?: string }[];
}

interface FeedPage {
  items: { id: string; slug: string; commentCount: number }[];
}

const MODERATOR = { authorization: 'Bearer dev-moderator-token' };

// Each test waits for the comment service's decisions (and one restarts it): more than Jest's 5 s default.
jest.setTimeout(30_000);

/** Articles known before the system starts (ids are derived from source + sourceId), so config can name them. */
const postModerated = anArticle();
const closed = anArticle();
const mainArticle = anArticle();

describe('comments: submitted, moderated, threaded and private (five services as processes)', () => {
  let system: TestSystem;
  const probe = new KafkaProbe();
  const published: ProbedMessage[][] = [];
  const emails: string[] = [];
  const addresses: string[] = [];
  const slugs: Record<'main' | 'post' | 'closed', string> = { main: '', post: '', closed: '' };
  let nextAddress = 10;

  const gateway = () => system.url('gateway');
  const comment = () => system.url('comment');

  /** A new reader: a recognisable email and a client address of its own (through the proxy header). */
  function reader(name = 'Reader') {
    const email = `Privacy.Probe+${randomUUID().slice(0, 8)}@Example.ORG`;
    const address = `198.51.100.${nextAddress++}`;
    emails.push(email);
    addresses.push(address);
    return { name, email, address };
  }

  function post(slug: string, who: ReturnType<typeof reader>, fields: Record<string, unknown>) {
    return postJson<{ id: string; status: string }>(
      `${gateway()}/v1/articles/${slug}/comments`,
      { authorName: who.name, authorEmail: who.email, ...fields },
      { 'x-forwarded-for': who.address },
    );
  }

  async function accepted(slug: string, who: ReturnType<typeof reader>, fields: Record<string, unknown>): Promise<string> {
    const response = await post(slug, who, fields);
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), status: 'pending' });
    return response.body.id;
  }

  /** The comment as moderators see it, once the comment service has decided on it. */
  function moderated(id: string): Promise<QueueItem> {
    return eventually(async () => {
      for (const status of ['pending', 'approved', 'rejected', 'spam']) {
        const { body } = await getJson<{ items: QueueItem[] }>(`${comment()}/v1/moderation/queue?status=${status}&limit=100`, MODERATOR);
        const found = body.items.find((item) => item.id === id);
        if (found) return found;
      }
      throw new Error(`comment ${id} not moderated yet`);
    });
  }

  const thread = async (slug: string, query = '') => (await getJson<CommentPage>(`${gateway()}/v1/articles/${slug}/comments${query}`)).body;

  beforeAll(async () => {
    system = await TestSystem.start('comments', undefined, {
      COMMENT_BANNED_WORDS: 'casino',
      COMMENT_SUSPECT_WORDS: 'crypto',
      COMMENT_MAX_LINKS: '2',
      COMMENT_FLOOD_WINDOW_SECONDS: '15',
      COMMENT_MAX_DEPTH: '3',
      COMMENT_POST_MODERATED_ARTICLES: articleIdFor(TEST_SOURCE, postModerated.sourceId),
      COMMENT_CLOSED_ARTICLES: articleIdFor(TEST_SOURCE, closed.sourceId),
      COMMENT_RATE_LIMIT_BURST: '5',
    });
    published.push(await probe.collect(system.topic(Topics.NewsComments)), await probe.collect(system.topic(Topics.NewsArticles)));
    const ids = await Promise.all(
      [mainArticle, postModerated, closed].map(async (article) => (await submit(system.url('ingest'), article)).body.id),
    );
    const found = await eventually(async () => {
      const { body } = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      const items = ids.map((id) => body.items.find((item) => item.id === id));
      if (items.some((item) => !item)) throw new Error('articles not in the feed yet');
      return items.map((item) => item!.slug);
    });
    [slugs.main, slugs.post, slugs.closed] = found;
    // The comment service knows an article once its thread can be read.
    await eventually(async () => {
      for (const slug of found) expect((await getJson(`${gateway()}/v1/articles/${slug}/comments`)).status).toBe(200);
    });
  }, 120_000);

  afterAll(async () => {
    await probe.close();
    await system?.stop();
  });

  it('holds a first comment, and once a moderator approves it shows it in the thread, on the page and in the feed count', async () => {
    const ann = reader('Ann');
    const id = await accepted(slugs.main, ann, { body: 'A thoughtful first comment.', authorUrl: 'https://ann.example.net/' });

    const held = await moderated(id);
    expect(held).toMatchObject({ status: 'pending', reason: 'first-time-commenter', authorEmail: ann.email });
    expect(held.checks.map((check) => check.step)).toEqual([
      'length',
      'article',
      'parent',
      'sanitise',
      'repeat',
      'words',
      'links',
      'flood',
      'trust',
    ]);
    expect((await thread(slugs.main)).items).toEqual([]);

    const unauthorised = await fetch(`${comment()}/v1/comments/${id}/approve`, { method: 'POST' });
    expect(unauthorised.status).toBe(401);
    const approved = await postJson<QueueItem>(`${comment()}/v1/comments/${id}/approve`, {}, MODERATOR);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');

    const page = await eventually(async () => {
      const result = await thread(slugs.main);
      expect(result.items.map((item) => item.id)).toEqual([id]);
      return result;
    });
    expect(page.total).toBe(1);
    expect(page.items[0]).toMatchObject({ authorName: 'Ann', authorUrl: 'https://ann.example.net/', body: 'A thoughtful first comment.' });

    const article = await getJson<{ comments: CommentPage | null; warnings: unknown[] }>(`${gateway()}/v1/articles/${slugs.main}`);
    expect(article.body.comments).toMatchObject({ total: 1, items: [expect.objectContaining({ id })] });
    expect(article.body.warnings).toEqual([]);

    await eventually(async () => {
      const feed = await getJson<FeedPage>(`${gateway()}/v1/feed?limit=100`);
      expect(feed.body.items.find((item) => item.slug === slugs.main)?.commentCount).toBe(1);
    });
  });

  it('runs every moderation rule and records its reason', async () => {
    const looper = reader();
    const flooder = reader();
    const cases: { slug: string; body: string; parentId?: string; who?: ReturnType<typeof reader>; status: string; reason: string }[] = [
      { slug: slugs.main, body: 'a', status: 'rejected', reason: 'too-short' },
      { slug: slugs.main, body: 'x'.repeat(5001), status: 'rejected', reason: 'too-long' },
      { slug: slugs.closed, body: 'Closed already?', status: 'rejected', reason: 'article-closed' },
      { slug: slugs.main, body: 'Replying to nothing', parentId: randomUUID(), status: 'rejected', reason: 'invalid-parent' },
      { slug: slugs.main, body: '<script>alert(1)</script>', status: 'rejected', reason: 'empty-after-sanitising' },
      { slug: slugs.main, body: 'Win big at the casino tonight', status: 'rejected', reason: 'banned-word' },
      { slug: slugs.main, body: 'Is this about crypto again?', status: 'pending', reason: 'suspect-word' },
      {
        slug: slugs.main,
        body: 'See https://a.example.com and <a href="https://b.example.com">this</a> and www.c.example.com',
        status: 'pending',
        reason: 'too-many-links',
      },
      { slug: slugs.post, body: 'Post-moderated, so published at once', status: 'approved', reason: 'post-moderated' },
      { slug: slugs.main, body: 'The very same words', who: looper, status: 'pending', reason: 'first-time-commenter' },
      { slug: slugs.main, body: 'The  very same WORDS', who: looper, status: 'rejected', reason: 'repeat' },
      { slug: slugs.main, body: 'First of many', who: flooder, status: 'pending', reason: 'first-time-commenter' },
      { slug: slugs.main, body: 'Second, straight after', who: flooder, status: 'rejected', reason: 'flood' },
    ];
    const ids: string[] = [];
    for (const { slug, body, parentId, who } of cases) {
      // Same-commenter pairs go in order, the second only once the first is decided.
      if (who && ids.length > 0 && cases[ids.length - 1].who === who) await moderated(ids[ids.length - 1]);
      ids.push(await accepted(slug, who ?? reader(), { body, ...(parentId ? { parentId } : {}) }));
    }
    const outcomes = await Promise.all(ids.map((id) => moderated(id)));
    expect(outcomes.map(({ status, reason }) => ({ status, reason }))).toEqual(cases.map(({ status, reason }) => ({ status, reason })));
    const flood = outcomes[outcomes.length - 1];
    expect(flood.checks[flood.checks.length - 1]).toMatchObject({ step: 'flood', outcome: 'reject', reason: 'flood' });
  });

  it('refuses a comment on an article that does not exist with a 404', async () => {
    const response = await post(`no-such-story-${randomUUID().slice(0, 8)}`, reader(), { body: 'Anyone here?' });
    expect(response.status).toBe(404);
    expect(response.body).toMatchObject({ error: { code: 'ARTICLE.NOT_FOUND' } });
  });

  it('moderates, not rejects, a comment on an article published while the comment service was down', async () => {
    const service = system.service('comment');
    await service.stop();
    const late = anArticle();
    const articleId = articleIdFor(TEST_SOURCE, late.sourceId);
    expect((await submit(system.url('ingest'), late)).status).toBe(202);
    // The article service has it, the comment service has not heard of it: the gateway accepts.
    await eventually(async () => expect((await getJson(`${system.url('article')}/v1/articles/${articleId}`)).status).toBe(200));
    const id = await accepted(articleId, reader(), { body: 'First!' });

    // Back, it reads the article and the comment in either order; a comment read first waits for its article.
    await service.start();
    expect(await moderated(id)).toMatchObject({ status: 'pending', reason: 'first-time-commenter' });
  });

  it('nests replies, attaches replies past the depth limit to the deepest allowed ancestor, and orders by top', async () => {
    const root = await accepted(slugs.post, reader(), { body: 'Top-level comment' });
    await moderated(root);
    const reply = await accepted(slugs.post, reader(), { body: 'A reply', parentId: root });
    await moderated(reply);
    const nested = await accepted(slugs.post, reader(), { body: 'A reply to the reply', parentId: reply });
    expect(await moderated(nested)).toMatchObject({ status: 'approved' });
    const tooDeep = await accepted(slugs.post, reader(), { body: 'One level too deep', parentId: nested });
    expect(await moderated(tooDeep)).toMatchObject({ status: 'approved' });

    const page = await eventually(async () => {
      const result = await thread(slugs.post, '?sort=top');
      const top = result.items.find((item) => item.id === root);
      expect(top?.repliesCount).toBe(3);
      return result;
    });
    // Most replies first, then the structure: root → reply → (nested, tooDeep as siblings at depth 3).
    expect(page.items[0].id).toBe(root);
    const [level2] = page.items[0].replies;
    expect(level2).toMatchObject({ id: reply, parentId: root });
    expect(level2.replies.map((item) => [item.id, item.parentId])).toEqual([
      [nested, reply],
      [tooDeep, reply],
    ]);
    expect(level2.replies.every((item) => item.replies.length === 0)).toBe(true);

    // A featured comment comes first in the top order.
    const featured = page.items[page.items.length - 1].id;
    expect((await postJson(`${comment()}/v1/comments/${featured}/feature`, {}, MODERATOR)).status).toBe(200);
    await eventually(async () => expect((await thread(slugs.post, '?sort=top')).items[0]).toMatchObject({ id: featured, featured: true }));
    expect((await getJson(`${gateway()}/v1/articles/${slugs.post}/comments?sort=best`)).status).toBe(400);
  });

  it('validates submissions field by field and rate-limits each client address with 429 and Retry-After', async () => {
    const who = reader();
    const invalid = await post(slugs.main, who, { authorEmail: 'not-an-email', authorUrl: 'javascript:alert(1)', body: '', colour: 'red' });
    expect(invalid.status).toBe(400);
    const fields = (invalid.body as unknown as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field).sort();
    expect(fields).toEqual(['authorEmail', 'authorUrl', 'body', 'colour']);

    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await post(slugs.main, who, {});
      statuses.push(response.status);
      retryAfter = response.headers.get('retry-after');
    }
    // The first request above took one of the five tokens.
    expect(statuses).toEqual([400, 400, 400, 400, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Another client is not affected.
    expect((await post(slugs.main, reader(), {})).status).toBe(400);
  });

  it('accepts comments while the comment service is down and moderates them when it is back', async () => {
    const service = system.service('comment');
    await service.stop();
    const id = await accepted(slugs.post, reader(), { body: 'Written while moderation was away' });

    const page = await getJson<{ comments: CommentPage | null; warnings: { part: string }[] }>(`${gateway()}/v1/articles/${slugs.post}`);
    expect(page.status).toBe(200);
    expect(page.body.comments).toBeNull();
    expect(page.body.warnings.map((warning) => warning.part)).toEqual(['comments']);

    await service.start();
    await eventually(async () => expect((await thread(slugs.post)).items.map((item) => item.id)).toContain(id));
  });

  it('returns HTML and script payloads inert, with links marked nofollow ugc', async () => {
    const id = await accepted(slugs.post, reader('<script>alert("name")</script>Mallory <img src=x onerror=alert(2)>'), {
      body: '<img src=x onerror=alert(1)><b>bold</b> <a href="javascript:alert(3)" onclick="x()">js</a> <a href="https://example.org/">ok</a> 5 < 6 <iframe src="https://evil.example"></iframe>',
      authorUrl: 'https://mallory.example/a"b',
    });
    const shown = await eventually(async () => {
      const found = (await thread(slugs.post)).items.find((item) => item.id === id);
      if (!found) throw new Error('not published yet');
      return found;
    });
    expect(shown.authorName).toBe('Mallory');
    expect(shown.body).toBe('bold js <a href="https://example.org/" rel="nofollow ugc">ok</a> 5 &lt; 6');
    expect(shown.authorUrl).toBe('https://mallory.example/a%22b');
    const raw = JSON.stringify(await thread(slugs.post));
    expect(raw).not.toMatch(/<script|<img|<iframe|onerror|onclick|javascript:/i);
  });

  it('never shows an email or a client address in a gateway response, a news.* message or a log line', async () => {
    expect(emails.length).toBeGreaterThan(20);
    // Let the last events reach the probe and the feed.
    await eventually(() => expect(published[0].length).toBeGreaterThan(5));
    const responses: string[] = [];
    const walk = async (path: string) => responses.push(JSON.stringify((await getJson(`${gateway()}${path}`)).body));
    await walk('/v1/feed?limit=100');
    for (const slug of Object.values(slugs)) {
      await walk(`/v1/articles/${slug}`);
      for (const sort of ['oldest', 'newest', 'top']) await walk(`/v1/articles/${slug}/comments?sort=${sort}`);
    }
    responses.push(JSON.stringify((await post(slugs.main, reader(), { body: 'x', extra: true })).body));

    const messages = published.flat().map((message) => JSON.stringify(message));
    const logs = [...system.services.values()].flatMap((service) => service.output);
    expect(messages.some((message) => message.includes('CommentPublished'))).toBe(true);
    expect(logs.some((line) => line.includes('comment moderated'))).toBe(true);

    const secrets = [...emails, ...emails.map((email) => email.toLowerCase()), ...addresses];
    const leaks = (texts: string[]) => texts.filter((text) => secrets.some((secret) => text.includes(secret)));
    expect(leaks(responses)).toEqual([]);
    expect(leaks(messages)).toEqual([]);
    expect(leaks(logs)).toEqual([]);
    // The public events carry no field that could identify the commenter.
    for (const message of published[0]) expect(Object.keys(JSON.parse(message.value!))).not.toContain('authorEmail');
  });
});

import autocannon from 'autocannon';
import Fastify from 'fastify';
import { eventually } from '../../libs/testing/src/eventually';
import { randomProse, SeededRandom } from '../chaos/random';
import { postArticle, startBenchSystem } from './bench-system';
import { formatLoadRow, type LoadFigures, ratio } from './stats';

export interface ReadsOptions {
  durationSeconds: number;
  connections: number;
  articles: number;
}

export interface ReadsResult {
  rows: LoadFigures[];
  ratios: { route: string; ratio: number }[];
  lines: string[];
}

async function load(name: string, url: string, options: ReadsOptions): Promise<LoadFigures> {
  const result = await autocannon({ url, connections: options.connections, duration: options.durationSeconds });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/**
 * The gateway's feed and article routes under load, each followed by a bare Fastify server answering
 * the same JSON from memory: what the composition (upstream calls, validation, caching) costs.
 */
export async function benchReads(options: ReadsOptions, say: (line: string) => void): Promise<ReadsResult> {
  const system = await startBenchSystem('bench-reads');
  const bare = Fastify({ logger: false });
  try {
    const random = new SeededRandom(7);
    const ingest = system.url('ingest');
    const gateway = system.url('gateway');
    const ids: string[] = [];
    for (let i = 0; i < options.articles; i++) {
      ids.push(
        await postArticle(ingest, {
          source: 'wire',
          sourceId: `bench-reads-${system.runId}-${i}`,
          headline: randomProse(random, 6),
          body: [randomProse(random, 60), randomProse(random, 60), randomProse(random, 40)].join('\n\n'),
          section: 'world',
          tags: ['bench'],
        }),
      );
    }
    const feedPath = '/v1/feed?limit=20';
    const slug = await eventually(
      async () => {
        const page = (await (await fetch(`${gateway}/v1/feed?limit=100`)).json()) as { items: { id: string; slug: string }[] };
        if (!ids.every((id) => page.items.some((item) => item.id === id))) throw new Error('articles not in the feed yet');
        return page.items[0].slug;
      },
      { timeoutMs: 60_000, intervalMs: 200 },
    );
    const articlePath = `/v1/articles/${slug}`;
    // The page composes the comment thread too: wait until the comment service knows the article.
    await eventually(
      async () => {
        const page = (await (await fetch(`${gateway}${articlePath}`)).json()) as { warnings?: unknown[] };
        if ((page.warnings ?? []).length > 0) throw new Error('article page still has warnings');
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const feedBody = await (await fetch(`${gateway}${feedPath}`)).text();
    const articleBody = await (await fetch(`${gateway}${articlePath}`)).text();
    bare.get('/v1/feed', async (_request, reply) => reply.type('application/json; charset=utf-8').send(feedBody));
    bare.get('/v1/articles/:slug', async (_request, reply) => reply.type('application/json; charset=utf-8').send(articleBody));
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });
    say(
      `reads: ${options.connections} connections, ${options.durationSeconds} s per route; feed ${feedBody.length} B, article ${articleBody.length} B`,
    );

    const rows: LoadFigures[] = [];
    const ratios: ReadsResult['ratios'] = [];
    for (const [route, path] of [
      ['feed', feedPath],
      ['article', articlePath],
    ] as const) {
      const viaGateway = await load(`gateway ${route}`, `${gateway}${path}`, options);
      const viaBare = await load(`bare fastify ${route}`, `${bareUrl}${path}`, options);
      rows.push(viaGateway, viaBare);
      ratios.push({ route, ratio: ratio(viaGateway.requestsPerSecond, viaBare.requestsPerSecond) });
    }
    const lines = [
      ...rows.map(formatLoadRow),
      ...ratios.map(({ route, ratio: r }) => `${`ratio ${route} (gateway/bare)`.padEnd(28)}  ${r.toFixed(r < 0.1 ? 3 : 2)}`),
    ];
    return { rows, ratios, lines };
  } finally {
    await bare.close();
    await system.stop();
  }
}

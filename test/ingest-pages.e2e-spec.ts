import { eventually, getJson, TestSystem } from '@frontpage/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { anArticle, submit } from './articles.fixture';

interface ArticleView {
  id: string;
  slug: string;
  headline: string;
  byline: string | null;
  dateline: string | null;
  publishedAt: string;
  canonicalUrl: string | null;
  blocks: { type: string; text?: string; items?: string[]; cite?: string; url?: string; caption?: string; credit?: string }[];
  body: string;
}

const WIRE_KEY = 'wire-key-for-pages-0001';
const PARTNER_KEY = 'partner-key-for-pages-0001';
const fixture = (name: string) => readFileSync(resolve(__dirname, 'fixtures/pages', name), 'utf8');

describe('whole pages and near-duplicates (five services as processes)', () => {
  let system: TestSystem;

  beforeAll(async () => {
    system = await TestSystem.start('ingest-pages', undefined, { INGEST_API_KEYS: `wire:${WIRE_KEY},partner:${PARTNER_KEY}` });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
  });

  const postPage = (url: string, page: string, contentType: string, key = WIRE_KEY) =>
    fetch(`${system.url('ingest')}/v1/pages?url=${encodeURIComponent(url)}`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${key}` },
      body: page,
    });
  const atGateway = async (id: string) => {
    const article = await eventually(async () => {
      const response = await getJson<ArticleView>(`${system.url('article')}/v1/articles/${id}`);
      expect(response.status).toBe(200);
      return response.body;
    });
    const page = await getJson<{ article: ArticleView }>(`${system.url('gateway')}/v1/articles/${article.slug}`);
    expect(page.status).toBe(200);
    return page.body.article;
  };

  it('turns a scraped plain-text page into exactly its story, visible at the gateway', async () => {
    const response = await postPage(
      `https://ledger.example/india-infections-${randomUUID()}`,
      fixture('world-news-scraped.txt'),
      'text/plain; charset=utf-8',
    );
    expect(response.status).toBe(202);
    const article = await atGateway(((await response.json()) as { id: string }).id);
    expect(article).toMatchObject({
      headline: 'India reports 4,272 new infections as festive season nears',
      byline: 'Meera Raghavan',
      dateline: 'New Delhi, Sept 29-',
      publishedAt: '2022-09-29T10:15:00.000Z',
    });
    expect(article.blocks[0].text).toMatch(/^According to data updated on Thursday/);
    expect(article.blocks.filter((block) => block.type === 'heading').map((block) => block.text)).toEqual([
      'The news:',
      "What's going on:",
    ]);
    expect(article.blocks.find((block) => block.type === 'list')!.items).toHaveLength(2);
    expect(article.blocks.find((block) => block.type === 'quote')!.cite).toBe('Dr. Anil Kumar, ministry spokesperson');
    expect(article.body).not.toMatch(/Connect with us|Click to comment|email address|Monsoon rains|Rupee slips|You May Also Like/);
  });

  it('turns an HTML page into its story with its canonical URL, and the same page again into the same article', async () => {
    const first = await postPage(
      'https://courier.example/news/floating-solar-farm?utm_source=feed',
      fixture('newspaper.html'),
      'text/html',
    );
    expect(first.status).toBe(202);
    const again = await postPage('https://courier.example/news/floating-solar-farm#top', fixture('newspaper.html'), 'text/html');
    const { id } = (await first.json()) as { id: string };
    expect(((await again.json()) as { id: string }).id).toBe(id);
    const article = await atGateway(id);
    expect(article).toMatchObject({
      headline: 'City opens its first floating solar farm',
      byline: 'Priya Nandakumar',
      dateline: 'ROTTERDAM, June 12 (Courier) —',
      canonicalUrl: 'https://courier.example/news/floating-solar-farm',
    });
    expect(article.blocks).toContainEqual({
      type: 'image',
      url: 'https://courier.example/images/solar-farm.jpg',
      caption: 'Panels on the reservoir at sunrise.',
      credit: 'Joost de Vries',
    });
  });

  it('answers 422 for a page without an article, 415 for another type and 400 without a url', async () => {
    const none = await postPage('https://courier.example/login', fixture('no-article.html'), 'text/html');
    expect(none.status).toBe(422);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('PAGE.NO_ARTICLE');
    expect((await postPage('https://courier.example/x', '{}', 'application/json')).status).toBe(415);
    const noUrl = await fetch(`${system.url('ingest')}/v1/pages`, {
      method: 'POST',
      headers: { 'content-type': 'text/html', authorization: `Bearer ${WIRE_KEY}` },
      body: fixture('newspaper.html'),
    });
    expect(noUrl.status).toBe(400);
  });

  it('records the same wire story from another source as a duplicate of the first, and does not publish it', async () => {
    // A wire story of ordinary length; the copy changes a few words, as republishers do.
    const story = [
      'According to data updated on Thursday by the Union Health Ministry, 4,272 new instances of infections have been registered',
      'throughout the country, the lowest daily rise in more than five months. Officials urged caution ahead of the festive season,',
      'saying crowds at markets and temples could spread the virus again. The ministry said the number of active cases had fallen for',
      'the third week in a row, while vaccination continued in every state and union territory. Hospitals in the capital reported fewer',
      'admissions than a month ago, and several states have reopened schools for all classes. Experts cautioned that testing had also',
      'fallen, and said the real number of infections could be higher than reported. The ministry advised people to keep wearing masks',
      'in crowded indoor places and to get booster doses, which are free at government centres. Travel rules for international',
      'arrivals remain unchanged, the ministry said, and will be reviewed at the end of the month after the festive season is over.',
    ].join(' ');
    const original = await submit(system.url('ingest'), anArticle({ body: story }), WIRE_KEY);
    await atGateway(original.body.id);
    const copy = anArticle({
      source: 'partner',
      headline: 'Health ministry reports fewer infections',
      body: story.replace('urged caution', 'called for caution').replace('third week', 'fourth week').replace('Experts', 'Doctors'),
    });
    const accepted = await submit(system.url('ingest'), copy, PARTNER_KEY);
    expect(accepted.status).toBe(202);
    const recorded = await eventually(() => {
      const line = system
        .service('article')
        .logLines()
        .find((entry) => entry.articleId === accepted.body.id && entry.msg === 'near-duplicate recorded');
      if (!line) throw new Error('not decided yet');
      return line;
    });
    expect(recorded.duplicateOf).toBe(original.body.id);
    expect((await getJson(`${system.url('article')}/v1/articles/${accepted.body.id}`)).status).toBe(404);
    const feed = await getJson<{ items: { id: string }[] }>(`${system.url('gateway')}/v1/feed?limit=100`);
    expect(feed.body.items.map((item) => item.id)).toContain(original.body.id);
    expect(feed.body.items.map((item) => item.id)).not.toContain(accepted.body.id);

    // A different story from the other source is published as usual.
    const other = await submit(
      system.url('ingest'),
      anArticle({ source: 'partner', body: `The harbour bridge reopened on Monday. ${randomUUID()}` }),
      PARTNER_KEY,
    );
    await atGateway(other.body.id);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { extractHtmlPage } from './html-page.extractor';

const fixture = (name: string) => readFileSync(resolve(__dirname, '../../../../test/fixtures/pages', name), 'utf8');

describe('extractHtmlPage', () => {
  it('takes the story from a newspaper page: headline, byline, time, canonical URL, figure with credit, quote and list', () => {
    const page = extractHtmlPage(fixture('newspaper.html'), 'https://courier.example/news/floating-solar-farm?utm_source=x')!;
    expect(page).toMatchObject({
      headline: 'City opens its first floating solar farm',
      byline: 'Priya Nandakumar',
      publishedAt: '2025-06-12T05:30:00.000Z',
      canonicalUrl: 'https://courier.example/news/floating-solar-farm',
      language: 'en',
    });
    expect(page.blocks[0].text).toMatch(/^ROTTERDAM, June 12 \(Courier\) — The city switched on/);
    expect(page.blocks).toContainEqual({
      type: 'image',
      url: 'https://courier.example/images/solar-farm.jpg',
      caption: 'Panels on the reservoir at sunrise.',
      credit: 'Joost de Vries',
    });
    expect(page.blocks).toContainEqual({ type: 'heading', text: 'What residents say' });
    expect(page.blocks.find((block) => block.type === 'quote')).toEqual({
      type: 'quote',
      text: 'We were told about it after the decision was made, not before.',
      cite: "Henk Bakker, chair of the anglers' club",
    });
    expect(page.blocks).toContainEqual({
      type: 'list',
      ordered: false,
      items: ['Capacity: 6 megawatts', 'Cost: 9 million euros', 'Payback: about 11 years'],
    });
    expect(JSON.stringify(page.blocks)).not.toMatch(/Tram line|Leave a Reply|email address|tracker|Sport|All rights|Tweet/);
  });

  it('takes the story from a magazine layout with a sidebar and comments', () => {
    const page = extractHtmlPage(fixture('magazine.html'), 'https://longreads.example/keeper')!;
    expect(page).toMatchObject({ headline: 'The last lighthouse keeper', byline: 'Ewan MacLeod', language: 'en-GB' });
    expect(page.blocks).toContainEqual({ type: 'image', url: 'https://cdn.longreads.example/keeper.jpg' });
    expect(page.blocks.find((block) => block.type === 'list')).toMatchObject({ ordered: true });
    expect(JSON.stringify(page.blocks)).not.toMatch(/Ten walks|Lovely piece|Subscribe/);
  });

  it('finds nothing on a sign-in page', () => {
    expect(extractHtmlPage(fixture('no-article.html'), 'https://courier.example/login')).toBeUndefined();
  });
});

import { eventually, getJson, postJson, TestSystem } from '@frontpage/testing';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { anArticle, submit } from './articles.fixture';

const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = resolve(__dirname, '../artifacts/screenshots');
const MODERATOR = { authorization: 'Bearer dev-moderator-token' };
const hasChromium = existsSync(CHROMIUM);

if (!hasChromium) {
  // Debian's chromium drives these tests; without it they are skipped, loudly.
  process.stderr.write(`reader-browser: ${CHROMIUM} is missing (apt-get install -y chromium): browser tests skipped\n`);
}

jest.setTimeout(30_000);

(hasChromium ? describe : describe.skip)('a reader in a real browser (five services as processes, Debian chromium)', () => {
  let system: TestSystem;
  let browser: BrowserContext;
  let profile: string;
  const run = randomUUID().slice(0, 6);
  const article = anArticle({
    headline: `Harbour bridge reopens after repairs ${run}`,
    body: `The bridge reopened on Monday.\n\nWhat's going on: crews worked for three months.\n\n- "It is a relief," said one driver.\n- Traffic is back to normal.`,
    section: 'europe',
    tags: [`bridges${run}`],
  });
  let slug = '';

  beforeAll(async () => {
    const { chromium } = await import('playwright-core');
    profile = mkdtempSync(join(tmpdir(), 'frontpage-chromium-'));
    // A fresh profile per run: nothing cached or remembered from an earlier one.
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    system = await TestSystem.start('browser', undefined, { LIST_CACHE_TTL_MS: '0' });
    await submit(system.url('ingest'), article);
    await submit(
      system.url('ingest'),
      anArticle({ headline: `Ferry timetable changes ${run}`, section: 'europe', tags: [`bridges${run}`] }),
    );
    slug = await eventually(async () => {
      const { body } = await getJson<{ items: { slug: string; headline: string }[] }>(`${system.url('gateway')}/v1/feed?limit=100`);
      const found = body.items.find((item) => item.headline === article.headline);
      if (!found) throw new Error('not in the feed yet');
      return found.slug;
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('opens the front page, searches, opens the article, comments and sees the comment once approved', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(system.url('gateway'));
    await page.getByRole('link', { name: article.headline }).waitFor();
    await page.screenshot({ path: join(SCREENSHOTS, 'front-page.png'), fullPage: true });

    await page.getByPlaceholder('What are you looking for?').fill('bridges reopening');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.getByRole('link', { name: article.headline }).click();
    await page.waitForURL(new RegExp(`/articles/${slug}$`));

    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(article.headline);
    expect(await page.locator('.body li').allTextContents()).toEqual(['"It is a relief," said one driver.', 'Traffic is back to normal.']);
    await page.getByRole('heading', { name: 'You May Also Like' }).waitFor();
    expect(await page.locator('#related-heading + .teaser, section[aria-labelledby="related-heading"] .teaser').count()).toBeGreaterThan(0);
    await page.getByText('Your email address will not be published.').waitFor();

    const text = `A browser comment ${run}`;
    await page.getByLabel('Comment *').fill(text);
    await page.getByLabel('Name *').fill('Ada Reader');
    await page.getByLabel('Email *').fill(`ada-${run}@example.org`);
    await page.getByLabel('Website').fill('https://example.org/ada');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.waitForURL(/comment=pending/);
    await page.getByText('awaiting moderation').waitFor();
    expect(await page.content()).not.toContain(`ada-${run}@example.org`);

    const comment = system.url('comment');
    const pending = await eventually(async () => {
      const { body } = await getJson<{ items: { id: string; body: string }[] }>(
        `${comment}/v1/moderation/queue?status=pending&limit=100`,
        MODERATOR,
      );
      const found = body.items.find((item) => item.body.includes(text));
      if (!found) throw new Error('not held for moderation yet');
      return found;
    });
    expect((await postJson(`${comment}/v1/comments/${pending.id}/approve`, {}, MODERATOR)).status).toBe(200);

    await eventually(async () => {
      await page.goto(`${system.url('gateway')}/articles/${slug}`);
      expect(await page.locator('.comment').allTextContents()).toEqual([expect.stringContaining(text)]);
    });
    expect(await page.locator('.comment a').getAttribute('rel')).toBe('nofollow ugc');
    await page.screenshot({ path: join(SCREENSHOTS, 'article-page.png'), fullPage: true });
    await page.close();
  });

  it('shows the form again with the problems when a field is wrong', async () => {
    const page = await browser.newPage();
    await page.goto(`${system.url('gateway')}/articles/${slug}`);
    await page.getByLabel('Comment *').fill('Hello');
    await page.getByLabel('Name *').fill('Bob');
    await page.getByLabel('Email *').evaluate((input: HTMLInputElement) => (input.type = 'text'));
    await page.getByLabel('Email *').fill('not-an-email');
    await page.getByRole('button', { name: 'Post Comment' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Email must be an email address');
    expect(await page.getByLabel('Comment *').inputValue()).toBe('Hello');
    await page.close();
  });
});

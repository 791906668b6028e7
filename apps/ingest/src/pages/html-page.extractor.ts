import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { BodyBlock, cleanText } from '../content/body-block';
import { absoluteUrl, htmlToBlocks } from '../content/html-blocks';
import { ExtractedPage, MIN_STORY_WORDS } from './extracted-page';

const silent = new VirtualConsole();

/**
 * A web page's story, found by Mozilla's Readability (the Firefox Reader View algorithm) on a DOM
 * built by jsdom without running the page's scripts. Undefined when the page holds no article.
 */
export function extractHtmlPage(html: string, url: string): ExtractedPage | undefined {
  const dom = new JSDOM(html, { url, virtualConsole: silent });
  try {
    const document = dom.window.document;
    const meta = (selector: string) => cleanText(document.querySelector(selector)?.getAttribute('content') ?? '') || undefined;
    const canonical = absoluteUrl(document.querySelector('link[rel="canonical"]')?.getAttribute('href'), url);
    const bylineElements = Array.from(document.querySelectorAll('[class*="byline"], [class*="author"], [rel="author"], .meta')).map((e) =>
      cleanText(e.textContent ?? ''),
    );
    const headings = Array.from(document.querySelectorAll('h1')).map((h1) => cleanText(h1.textContent ?? ''));
    const timeElement = document.querySelector('article time[datetime], time[datetime]');
    const published = meta('meta[property="article:published_time"]') ?? timeElement?.getAttribute('datetime') ?? undefined;
    keepQuoteAttributions(document);
    const article = new Readability(document, { charThreshold: 300 }).parse();
    if (!article?.content) return undefined;
    const blocks = htmlToBlocks(article.content, url).filter((block) => !isLeftover(block));
    const words = blocks
      .map((block) => block.text ?? block.items?.join(' ') ?? '')
      .join(' ')
      .split(/\s+/)
      .filter(Boolean).length;
    if (words < MIN_STORY_WORDS) return undefined;
    const title = cleanText(article.title ?? '');
    // Readability's title may keep the site's name ("Story | Site"); the page's own <h1> is cleaner.
    const headline = headings.find((heading) => heading && title.includes(heading)) ?? headings.find(Boolean) ?? title;
    const firstText = blocks.find((block) => block.type === 'paragraph' || block.type === 'heading');
    const byline = cleanText(article.byline ?? '').replace(/^by\s+/i, '') || meta('meta[name="author"]') || bylineIn(bylineElements);
    // Readability keeps a byline line it did not recognise as such ("By Ann Lee · 12 June 2025").
    const bylineLine = (block: BodyBlock) =>
      block.type === 'paragraph' &&
      !!byline &&
      /^by\s/i.test(block.text!) &&
      block.text!.includes(byline) &&
      block.text!.split(' ').length <= 15;
    return {
      headline,
      byline,
      publishedAt: validTime(article.publishedTime ?? published),
      standfirst: meta('meta[name="description"]') ?? meta('meta[property="og:description"]'),
      language: cleanText(article.lang ?? document.documentElement.lang ?? '') || undefined,
      canonicalUrl: canonical,
      blocks: blocks.filter((block) => !(block === firstText && block.text === headline) && !bylineLine(block)),
    };
  } finally {
    dom.window.close();
  }
}

/**
 * Readability removes every `<footer>` as page chrome, including the one HTML uses for a quote's
 * attribution (`<blockquote><p>…</p><footer>— Name</footer></blockquote>`): keep it as a `<cite>`.
 */
function keepQuoteAttributions(document: Document): void {
  for (const footer of Array.from(document.querySelectorAll('blockquote footer'))) {
    const cite = document.createElement('cite');
    cite.append(...Array.from(footer.childNodes));
    const paragraph = document.createElement('p');
    paragraph.append(cite);
    footer.replaceWith(paragraph);
  }
}

/** Share bars and "read more" links Readability sometimes keeps at the edges of the story. */
function isLeftover(block: BodyBlock): boolean {
  return (
    block.type !== 'image' &&
    /^(share( this)?|read more|advertisement|click to comment)\W*$/i.test(block.text ?? block.items?.join(' ') ?? '')
  );
}

function validTime(value: string | undefined | null): string | undefined {
  if (!value) return undefined;
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

/** "Words by Ewan MacLeod" in an element the site marks as a byline or author. */
function bylineIn(texts: string[]): string | undefined {
  for (const text of texts) {
    const match = /^(?:by|words by|written by|author:?)\s+(.{2,80})$/i.exec(text);
    if (match) return match[1].split(/\s*[·|•]\s*/)[0];
  }
  return undefined;
}

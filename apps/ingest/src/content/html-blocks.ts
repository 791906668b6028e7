import { JSDOM, VirtualConsole } from 'jsdom';
import { BodyBlock, cleanText } from './body-block';
import { sanitiseHtml } from './sanitize';

const HEADINGS = new Set(['H1', 'H2', 'H3', 'H4', 'H5', 'H6']);
const BLOCK_CONTAINERS = new Set([
  'DIV',
  'SECTION',
  'ARTICLE',
  'MAIN',
  'HEADER',
  'FOOTER',
  'BODY',
  'TABLE',
  'THEAD',
  'TBODY',
  'TR',
  'TD',
  'TH',
  'PICTURE',
  'SPAN',
]);
const CREDIT_AT_END =
  /\s*[([]?\s*(?:photo(?:graph)?|image|picture|credit|photo credit|foto)\s*(?:by|:|\/)?\s*([^()[\]]{2,80}?)\s*[)\]]?\s*$/i;
const silent = new VirtualConsole();

/** Sanitises an HTML body and turns it into blocks; relative image addresses resolve against `baseUrl`. */
export function htmlToBlocks(html: string, baseUrl?: string): BodyBlock[] {
  const dom = new JSDOM(`<!doctype html><body>${sanitiseHtml(html)}</body>`, { url: baseUrl, virtualConsole: silent });
  try {
    return elementToBlocks(dom.window.document.body, baseUrl);
  } finally {
    dom.window.close();
  }
}

/** Blocks of an element already in a DOM (the HTML page extractor's article). Sanitise first. */
export function elementToBlocks(root: Element, baseUrl?: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let inline: string[] = [];
  const flush = () => {
    const text = cleanText(inline.join(''));
    if (text) blocks.push({ type: 'paragraph', text });
    inline = [];
  };
  for (const node of Array.from(root.childNodes)) {
    if (node.nodeType === 3) {
      inline.push(node.textContent ?? '');
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.tagName;
    if (tag === 'BR') {
      inline.push(' ');
      continue;
    }
    if (!isBlockLevel(element)) {
      if (tag === 'IMG') {
        flush();
        pushImage(blocks, element, undefined, baseUrl);
      } else inline.push(element.textContent ?? '');
      continue;
    }
    flush();
    blocks.push(...blockOf(element, baseUrl));
  }
  flush();
  return blocks;
}

function isBlockLevel(element: Element): boolean {
  const tag = element.tagName;
  if (tag === 'SPAN') return element.querySelector('p, div, ul, ol, h1, h2, h3, h4, h5, h6, figure, blockquote') !== null;
  return (
    HEADINGS.has(tag) ||
    BLOCK_CONTAINERS.has(tag) ||
    ['P', 'UL', 'OL', 'BLOCKQUOTE', 'FIGURE', 'PRE', 'HR', 'FIGCAPTION', 'CAPTION'].includes(tag)
  );
}

function blockOf(element: Element, baseUrl?: string): BodyBlock[] {
  const tag = element.tagName;
  if (HEADINGS.has(tag)) {
    const text = cleanText(element.textContent ?? '');
    return text ? [{ type: 'heading', text }] : [];
  }
  if (tag === 'UL' || tag === 'OL') {
    const items = Array.from(element.children)
      .filter((child) => child.tagName === 'LI')
      .map((item) => cleanText(item.textContent ?? ''))
      .filter(Boolean);
    return items.length ? [{ type: 'list', ordered: tag === 'OL', items }] : [];
  }
  if (tag === 'BLOCKQUOTE') return quoteOf(element);
  if (tag === 'FIGURE') return figureOf(element, baseUrl);
  if (tag === 'P') {
    const images = Array.from(element.querySelectorAll('img'));
    const text = cleanText(element.textContent ?? '');
    if (images.length > 0 && !text) {
      const blocks: BodyBlock[] = [];
      for (const image of images) pushImage(blocks, image, undefined, baseUrl);
      return blocks;
    }
    return text ? [{ type: 'paragraph', text }] : [];
  }
  if (tag === 'HR') return [];
  if (tag === 'PRE' || tag === 'FIGCAPTION' || tag === 'CAPTION') {
    const text = cleanText(element.textContent ?? '');
    return text ? [{ type: 'paragraph', text }] : [];
  }
  return elementToBlocks(element, baseUrl);
}

function quoteOf(element: Element): BodyBlock[] {
  const citeElement = element.querySelector('cite, footer');
  let cite = citeElement ? cleanText(citeElement.textContent ?? '') : undefined;
  citeElement?.remove();
  let text = cleanText(
    Array.from(element.querySelectorAll('p'))
      .map((p) => p.textContent ?? '')
      .join(' ') ||
      (element.textContent ?? ''),
  );
  if (!cite) {
    // "… we will rebuild. — Maria Lopez, mayor"
    const attribution = /\s+[—–]\s*([^—–]{2,120})$/.exec(text);
    if (attribution) {
      cite = attribution[1].trim();
      text = text.slice(0, attribution.index).trim();
    }
  }
  cite = cite?.replace(/^[—–-]\s*/, '');
  return text ? [{ type: 'quote', text, ...(cite ? { cite } : {}) }] : [];
}

function figureOf(element: Element, baseUrl?: string): BodyBlock[] {
  const image = element.querySelector('img');
  const captionElement = element.querySelector('figcaption');
  if (!image) {
    const text = cleanText(element.textContent ?? '');
    return text ? [{ type: 'paragraph', text }] : [];
  }
  const blocks: BodyBlock[] = [];
  pushImage(blocks, image, captionElement ?? undefined, baseUrl);
  return blocks;
}

function pushImage(blocks: BodyBlock[], image: Element, captionElement: Element | undefined, baseUrl?: string): void {
  const url = absoluteUrl(image.getAttribute('src'), baseUrl);
  if (!url) return;
  const { caption, credit } = captionElement ? captionAndCredit(captionElement) : {};
  blocks.push({ type: 'image', url, ...(caption ? { caption } : {}), ...(credit ? { credit } : {}) });
}

/** A figcaption's text and credit: a `<small>`/`<cite>`/credit-classed part, or a trailing "Photo: X". */
export function captionAndCredit(captionElement: Element): { caption?: string; credit?: string } {
  const creditElement = captionElement.querySelector('small, cite, .credit, [class*="credit"]');
  let credit = creditElement ? cleanText(creditElement.textContent ?? '') : undefined;
  creditElement?.remove();
  let caption = cleanText(captionElement.textContent ?? '');
  if (!credit) {
    const match = CREDIT_AT_END.exec(caption);
    if (match && match.index > 0) {
      credit = match[1].trim();
      caption = caption.slice(0, match.index).trim();
    }
  }
  credit = credit?.replace(/^(?:photo(?:graph)?|image|credit|photo credit)\s*(?:by|:)?\s*/i, '').trim();
  return { caption: caption || undefined, credit: credit || undefined };
}

export function absoluteUrl(src: string | null | undefined, baseUrl?: string): string | undefined {
  if (!src) return undefined;
  try {
    const url = new URL(src, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}

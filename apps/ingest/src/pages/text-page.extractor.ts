import { BodyBlock, cleanText } from '../content/body-block';
import { ExtractedPage, MIN_STORY_WORDS } from './extracted-page';

/**
 * The story in a page's text as a scraper saved it (one element per line, site chrome included).
 * Readability needs a DOM, so plain text gets its own extractor: each line is classified (chrome,
 * a marker that the story is over, a teaser of another story, byline, time, bullet, quote, caption,
 * sub-head, paragraph), the densest run of story lines is taken as the body, and the headline,
 * byline and time are looked for just above it.
 */

type Kind =
  | 'blank'
  | 'chrome'
  | 'skip'
  | 'stop'
  | 'teaser'
  | 'byline'
  | 'time'
  | 'bullet'
  | 'quote'
  | 'cite'
  | 'caption'
  | 'label'
  | 'paragraph'
  | 'short';

interface Line {
  text: string;
  kind: Kind;
}

const CHROME = new RegExp(
  '^(?:' +
    [
      'home',
      'menu',
      'search',
      'subscribe( now)?',
      'sign (in|up)',
      'log ?in',
      'log ?out',
      'register',
      'newsletters?',
      'skip to (main )?content',
      'toggle navigation',
      'close',
      'share( this( article| story| post)?)?:?',
      'share on \\w+',
      'tweet',
      'e-?mail',
      'print',
      'whatsapp',
      'facebook',
      'twitter',
      'x',
      'linkedin',
      'instagram',
      'youtube',
      'telegram',
      'pinterest',
      'reddit',
      'copy link',
      'follow us( on .*)?',
      'connect with us:?',
      'like this:?',
      'loading\\W*',
      'click to comment',
      'click to share.*',
      '\\d+ comments?',
      'no comments( yet)?',
      'reply',
      'cancel reply',
      'post comment',
      'submit',
      'name\\s?\\*?',
      'email\\s?\\*?',
      'website',
      'comment\\s?\\*?',
      'required fields are marked.*',
      'your email address will not be published.*',
      'save my name,? email,? and website.*',
      'type (above|here) and press enter to search.*',
      'press (esc|enter) to (cancel|search).*',
      'what are you looking for\\??',
      'search for:?.*',
      'read more',
      'continue reading',
      'see (more|all)',
      'view all',
      'load more',
      'back to top',
      '.*all rights reserved.*',
      '©.*',
      'copyright .*',
      'privacy( policy)?',
      'terms( (of|&) (use|service|conditions))?',
      'cookie (policy|settings)',
      'contact( us)?',
      'about( us)?',
      'advertise( with us)?',
      'sections',
      'categories',
      'tags?:.*',
      'filed under:?.*',
      '(previous|next) (article|post|story):?.*',
      'listen to this article.*',
      '\\d+ min(ute)? read',
      'photo gallery',
      'watch:?',
      'video',
    ].join('|') +
    ')$',
  'i',
);
/** Lines that may sit inside a story without ending it. */
const SKIP = /^(?:advertisement|ad|sponsored|story continues below.*|also read:?.*|read also:?.*|recommended:?.*)$/i;
/** After these, what follows is not the story (related lists, comments, author boxes, wire trailers). */
const STOP =
  /^(?:you may (also )?like|you might (also )?like|related( stories| articles| posts| news| coverage)?:?|more (stories|news|from .*)|latest( news| stories| posts| updates)?:?|recommended( for you| stories)?|read next|also on .*|leave a (reply|comment)|\d+ (thoughts|responses|comments|replies) on .*|comments?( \(\d+\))?:?|about the author|trending( now| stories| news)?|popular( posts| stories| now)?|most (read|popular|viewed|shared)|don'?t miss|top stories|in other news|around the web|sponsored (content|stories|links)|\(?(reporting|writing|editing|additional reporting) by .*)$/i;
const TEASER = /(?:\.\.\.|…|\[…\]|\[\.\.\.\]|read more\W*)$/i;
const BYLINE =
  /^(?:[Bb]y|[Ww]ritten by|[Ww]ords by|[Aa]uthor:?|[Rr]eporter:?)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al))*(?:\s*,\s*\p{Lu}[\p{L}.'’ -]*)?)(?:\s*[|,•·-]\s*(.*))?$/u;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const DATE_IN_LINE = new RegExp(
  `(\\d{4}-\\d{2}-\\d{2}(?:[T ]\\d{2}:\\d{2}(?::\\d{2})?(?:Z|[+-]\\d{2}:?\\d{2})?)?|${MONTH}\\s+\\d{1,2},?\\s+\\d{4}(?:,?\\s+(?:at\\s+)?\\d{1,2}[:.]\\d{2}\\s*(?:[ap]\\.?m\\.?)?(?:\\s*(?:[A-Z]{2,4}|GMT[+-]?\\d*))?)?|\\d{1,2}\\s+${MONTH}\\s+\\d{4}(?:,?\\s+\\d{1,2}[:.]\\d{2}(?:\\s*[ap]\\.?m\\.?)?)?)`,
  'i',
);
const TIME_LINE = /^(?:(?:published|updated|posted|last updated|first published|date)(?: on)?:?\s*)?/i;
const BULLET = /^(?:[-*•·●▪◦–]|(\d{1,2})[.)])\s+(.+)$/;
const FULL_QUOTE = /^[“"«‘'].{10,}[”"»’']$/;
const ATTRIBUTION = /^[—–-]{1,2}\s*(\p{Lu}.{1,100})$/u;
const CAPTION =
  /^(?:(?:photo|image|picture|file photo|pic|caption|representational image)\s*(?:[:|/-]|credit)|.*\((?:photo|file photo|image|picture)\b[^)]*\)\s*$|.*[|/]\s*(?:photo|image)\s*(?:credit)?\s*:.*$)/i;
const LABEL = /^[\p{L}][\p{L}'’ ,-]{1,40}:$/u;

export function extractTextPage(text: string): ExtractedPage | undefined {
  const lines = classify(text);
  const story = densestRun(lines);
  if (!story) return undefined;
  const blocks = toBlocks(lines.slice(story.start, story.end));
  const words = blocks
    .map((block) => block.text ?? block.items?.join(' ') ?? '')
    .join(' ')
    .split(/\s+/)
    .filter(Boolean).length;
  if (words < MIN_STORY_WORDS) return undefined;
  const head = headOf(lines, story.start);
  if (!head.headline) return undefined;
  return { headline: head.headline, byline: head.byline, publishedAt: head.publishedAt, blocks };
}

function classify(text: string): Line[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((raw) => {
      const line = cleanText(raw);
      return { text: line, kind: kindOf(line) };
    });
}

function kindOf(line: string): Kind {
  if (!line) return 'blank';
  const words = line.split(' ').length;
  if (SKIP.test(line)) return 'skip';
  if (STOP.test(line)) return 'stop';
  if (CHROME.test(line) || isNavigationRow(line)) return 'chrome';
  if (BYLINE.test(line) && words <= 16) return 'byline';
  if (words <= 14 && DATE_IN_LINE.test(line) && TIME_LINE.test(line) && !/[.!?]$/.test(line.replace(DATE_IN_LINE, ''))) return 'time';
  if (BULLET.test(line)) return 'bullet';
  if (TEASER.test(line)) return 'teaser';
  if (line.startsWith('>')) return 'quote';
  if (FULL_QUOTE.test(line) && !/\b(said|says|told|added)\b/.test(line)) return 'quote';
  if (ATTRIBUTION.test(line) && words <= 14) return 'cite';
  if (CAPTION.test(line)) return 'caption';
  if (LABEL.test(line) && words <= 6) return 'label';
  if ((words >= 8 && /[.!?”"’)]$/.test(line)) || words >= 20) return 'paragraph';
  return 'short';
}

/** "Home | World | Business | Sport": several short items separated by bars or bullets. */
function isNavigationRow(line: string): boolean {
  const items = line.split(/\s*[|•·»]\s*|\s{2,}/).filter(Boolean);
  return items.length >= 3 && items.every((item) => item.split(' ').length <= 3 && !/[.!?]$/.test(item));
}

const CONTENT: Kind[] = ['paragraph', 'bullet', 'quote', 'cite', 'caption', 'label', 'short', 'skip', 'blank'];

/**
 * The run of story lines with the most paragraph words. Runs end at chrome, markers and teasers; a
 * run that alternates short lines with single paragraphs (a list of other stories' headlines and
 * summaries) counts for less than a run of consecutive paragraphs.
 */
function densestRun(lines: Line[]): { start: number; end: number } | undefined {
  let best: { start: number; end: number; score: number } | undefined;
  let start = -1;
  const close = (end: number) => {
    if (start < 0) return;
    let last = end;
    while (last > start && !['paragraph', 'bullet', 'quote', 'cite', 'caption'].includes(lines[last - 1].kind)) last--;
    const run = lines.slice(start, last);
    const paragraphWords = run
      .filter((line) => ['paragraph', 'bullet', 'quote'].includes(line.kind))
      .reduce((sum, line) => sum + line.text.split(' ').length, 0);
    const paragraphs = run.filter((line) => line.kind === 'paragraph').length;
    const shorts = run.filter((line) => line.kind === 'short').length;
    const score = shorts >= paragraphs && paragraphs > 0 ? paragraphWords * 0.3 : paragraphWords;
    if (last > start && (!best || score > best.score)) best = { start, end: last, score };
    start = -1;
  };
  lines.forEach((line, i) => {
    if (CONTENT.includes(line.kind)) {
      if (start < 0 && ['paragraph', 'bullet', 'quote', 'caption'].includes(line.kind)) start = i;
    } else close(i);
  });
  close(lines.length);
  return best;
}

function toBlocks(lines: Line[]): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  const kinds = lines.map((line) => line.kind);
  lines.forEach((line, i) => {
    const previous = blocks[blocks.length - 1];
    switch (line.kind) {
      case 'paragraph':
        blocks.push({ type: 'paragraph', text: line.text });
        return;
      case 'label':
        blocks.push({ type: 'heading', text: line.text });
        return;
      case 'short': {
        // A short line between paragraphs is a sub-head; anywhere else it is leftover chrome.
        const next = kinds.slice(i + 1).find((kind) => kind !== 'blank');
        if (next === 'paragraph' || next === 'bullet') blocks.push({ type: 'heading', text: line.text });
        return;
      }
      case 'bullet': {
        const [, number, item] = BULLET.exec(line.text)!;
        if (previous?.type === 'list' && kinds[i - 1] === 'bullet') previous.items!.push(item);
        else blocks.push({ type: 'list', ordered: number !== undefined, items: [item] });
        return;
      }
      case 'quote':
        blocks.push({ type: 'quote', text: line.text.replace(/^>\s*/, '') });
        return;
      case 'cite':
        if (previous?.type === 'quote' && !previous.cite) previous.cite = ATTRIBUTION.exec(line.text)![1];
        else blocks.push({ type: 'paragraph', text: line.text });
        return;
      case 'caption':
        // Plain text has no image address, so a caption stays in the body as a paragraph of its own.
        blocks.push({ type: 'paragraph', text: line.text });
        return;
      default:
        return;
    }
  });
  return blocks;
}

/** Headline, byline and time: looked for in the lines just above the story. */
function headOf(lines: Line[], storyStart: number): { headline?: string; byline?: string; publishedAt?: string } {
  let headline: string | undefined;
  let byline: string | undefined;
  let publishedAt: string | undefined;
  for (let i = storyStart - 1; i >= 0 && i >= storyStart - 15; i--) {
    const line = lines[i];
    if (line.kind === 'stop' || line.kind === 'teaser') break;
    if (line.kind === 'byline') {
      const match = BYLINE.exec(line.text)!;
      byline ??= match[1].trim();
      if (match[2]) publishedAt ??= timeIn(match[2]);
    } else if (line.kind === 'time') {
      publishedAt ??= timeIn(line.text);
      // "Posted on March 3, 2025 by Jane Doe"
      byline ??= /\bby\s+(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3})$/u.exec(line.text)?.[1];
    } else if ((line.kind === 'short' || line.kind === 'paragraph') && !headline) {
      const words = line.text.split(' ').length;
      if (words >= 3 && words <= 30 && !/[.,;:]$/.test(line.text)) {
        headline = line.text;
        break;
      }
    }
  }
  return { headline, byline, publishedAt };
}

function timeIn(text: string): string | undefined {
  const match = DATE_IN_LINE.exec(text);
  if (!match) return undefined;
  const value = match[1]
    .replace(/\bat\b/i, '')
    .replace(/(\d)\.(\d{2})/, '$1:$2')
    .replace(/\s*([ap])\.?m\.?/i, ' $1m')
    .replace(/\s+[A-Z]{2,4}$/, '');
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

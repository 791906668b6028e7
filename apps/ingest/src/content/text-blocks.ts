import { BodyBlock, cleanText } from './body-block';

const BULLET = /^\s*(?:[-*•·●▪◦–]|(\d{1,2})[.)])\s+(.+)$/;

/**
 * A plain-text body as blocks: parts separated by blank lines are paragraphs; a part whose lines
 * all start with a bullet (or a number) is a list; `> ` lines are a quote.
 */
export function textToBlocks(text: string): BodyBlock[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((part) => part.split('\n').filter((line) => line.trim()))
    .filter((lines) => lines.length > 0)
    .flatMap((lines): BodyBlock[] => {
      const bullets = lines.map((line) => BULLET.exec(line));
      if (bullets.every(Boolean)) {
        return [{ type: 'list', ordered: bullets[0]![1] !== undefined, items: bullets.map((match) => cleanText(match![2])) }];
      }
      if (lines.every((line) => /^\s*>/.test(line))) {
        return [{ type: 'quote', text: cleanText(lines.map((line) => line.replace(/^\s*>\s?/, '')).join(' ')) }];
      }
      return [{ type: 'paragraph', text: cleanText(lines.join(' ')) }];
    });
}

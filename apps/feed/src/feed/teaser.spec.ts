import { DEFAULT_TEASER_LENGTH, teaserOf } from './teaser';

const words =
  'Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'.split(' ');

/** Deterministic bodies of every shape: words of varied length, punctuation, runs of whitespace. */
function bodies(count: number): string[] {
  const result: string[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  for (let i = 0; i < count; i++) {
    const parts: string[] = [];
    const length = 5 + (next() % 80);
    for (let w = 0; w < length; w++) {
      const word = words[next() % words.length].repeat(1 + (next() % 3));
      parts.push(word + [',', '.', ';', ' -', ' —', '', '', ''][next() % 8] + [' ', '  ', '\n', '\t '][next() % 4]);
    }
    result.push(parts.join(''));
  }
  return result;
}

describe('teaserOf', () => {
  it('leaves a short text as it is', () => {
    expect(teaserOf('Storm hits the coast.')).toBe('Storm hits the coast.');
  });

  it('keeps a text of exactly the maximum length whole', () => {
    const text = 'a'.repeat(10) + ' ' + 'b'.repeat(9);
    expect(teaserOf(text, 20)).toBe(text);
  });

  it('collapses every run of whitespace to one space and trims the ends', () => {
    expect(teaserOf('  First paragraph.\n\n\tSecond   paragraph.\r\n ')).toBe('First paragraph. Second paragraph.');
  });

  it('cuts a long text at a word boundary and marks the cut', () => {
    expect(teaserOf('The quick brown fox jumps over the lazy dog', 12)).toBe('The quick...');
    expect(teaserOf('The quick brown fox jumps over the lazy dog', 15)).toBe('The quick brown...');
  });

  it('keeps a word that ends exactly at the limit', () => {
    expect(teaserOf('The quick brown fox', 15)).toBe('The quick brown...');
  });

  it('counts the length after collapsing whitespace', () => {
    expect(teaserOf('one\n\n\n\ntwo', 7)).toBe('one two');
  });

  it.each([
    ['a comma', 'One two, three four', 9, 'One two...'],
    ['a full stop', 'Storm hits. Coast road closed', 12, 'Storm hits...'],
    ['a colon', 'Breaking: storm hits the coast', 11, 'Breaking...'],
    ['a dash', 'Storm hits - coast road closed', 13, 'Storm hits...'],
    ['an em dash', 'Storm hits — coast road closed', 13, 'Storm hits...'],
    ['an ellipsis of full stops', 'Storm hits... coast road closed', 15, 'Storm hits...'],
  ])('drops %s before the marker', (_label, body, max, expected) => {
    expect(teaserOf(body, max)).toBe(expected);
  });

  it('cuts a very long single word hard at the limit', () => {
    expect(teaserOf('x'.repeat(500))).toBe('x'.repeat(DEFAULT_TEASER_LENGTH) + '...');
  });

  it('cuts hard rather than keep only a short first part', () => {
    expect(teaserOf('Hi ' + 'c'.repeat(50), 20)).toBe('Hi ' + 'c'.repeat(17) + '...');
  });

  it('uses 200 characters by default', () => {
    const teaser = teaserOf('word '.repeat(100));
    expect(teaser.endsWith('...')).toBe(true);
    expect(teaser.length).toBeLessThanOrEqual(203);
    expect(teaser.length).toBeGreaterThan(150);
  });

  it('is never longer than the maximum plus the marker, and is a cut of the collapsed text', () => {
    for (const body of bodies(300)) {
      for (const max of [20, 57, 200]) {
        const teaser = teaserOf(body, max);
        const collapsed = body.replace(/\s+/g, ' ').trim();
        expect(teaser.length).toBeLessThanOrEqual(max + 3);
        if (collapsed.length <= max) {
          expect(teaser).toBe(collapsed);
          continue;
        }
        expect(teaser.endsWith('...')).toBe(true);
        const kept = teaser.slice(0, -3);
        expect(collapsed.startsWith(kept)).toBe(true);
        expect(kept).not.toMatch(/[\s,;:.\-–—]$/);
        const next = collapsed.charAt(kept.length);
        if (kept.length < max && kept.length > max / 2) expect(next).toMatch(/[\s,;:.\-–—]/);
      }
    }
  });
});

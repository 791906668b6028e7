import fc from 'fast-check';
import { HOSTILE_STRINGS } from '../../../../../test/hostile/hostile-strings';
import { LINK_REL, sanitiseBody, sanitiseLine, sanitiseUrl } from './sanitize';

/** Text made of HTML-ish fragments, hostile strings and arbitrary Unicode, in any order. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s.length < 200)),
      fc.constantFrom(
        '<',
        '>',
        '"',
        "'",
        '&',
        '=',
        '/',
        ' ',
        'a',
        'href',
        'on',
        'script',
        'javascript:',
        'http://x.example/',
        '<a ',
        '</a>',
        '<a href="',
      ),
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

/** Every tag left in the HTML, as written. */
const tagsIn = (html: string) => html.match(/<[^>]*>?/g) ?? [];

describe('comment sanitisers: properties over hostile input', () => {
  it('sanitiseBody leaves only absolute http(s) links with rel="nofollow ugc" and escaped text', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const { html } = sanitiseBody(raw);
        for (const tag of tagsIn(html)) {
          expect(tag === '</a>' || /^<a href="https?:\/\/[^"<>]*" rel="nofollow ugc">$/i.test(tag)).toBe(true);
        }
        // Text outside tags may say "javascript:" or "onload=": escaped, it is only words.
        expect(html.replace(/<a href="[^"]*" rel="nofollow ugc">|<\/a>/gi, '')).not.toMatch(/[<>]/);
        expect(html.includes(`rel="${LINK_REL}"`) || !html.includes('<a ')).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('sanitiseBody is idempotent: sanitising the stored HTML again changes nothing', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const once = sanitiseBody(raw).html;
        expect(sanitiseBody(once).html).toBe(once);
      }),
      { numRuns: 1000 },
    );
  });

  it('sanitiseLine returns one line with no markup', () => {
    fc.assert(
      fc.property(hostileText, (raw) => {
        const line = sanitiseLine(raw);
        expect(line).not.toMatch(/[<>\n\r\t]/);
        expect(line).toBe(line.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('sanitiseUrl returns an absolute http(s) URL without quotes, brackets or spaces, or nothing', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileText,
          fc.webUrl(),
          hostileText.map((s) => `https://example.org/${s}`),
        ),
        (raw) => {
          const url = sanitiseUrl(raw);
          if (url !== undefined) expect(url).toMatch(/^https?:\/\/[^\s"<>]+$/);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

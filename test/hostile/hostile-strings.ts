/**
 * Strings that have broken web applications: injection, markup, control and bidirectional characters,
 * odd Unicode and sheer length. Each is used as the whole value of a text field, or inside one.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1' --",
  "Robert'); DROP TABLE articles;--",
  '1; SELECT pg_sleep(10)',
  '{"$gt": ""}',
  '{"$where": "sleep(1000)"}',
  '$ne',
  '${7*7} {{7*7}} <%= 7*7 %>',
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//evil.example/x.js></SCRIPT>',
  '"><script>alert(document.cookie)</script>',
  '<img src=x onerror=alert(1)>',
  '<svg onload=alert(1)>',
  '<a href="javascript:alert(1)">click</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<style>body{display:none}</style>',
  '<!-- comment --><![CDATA[x]]>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '\u0000null\u0001\u0002\u0007bell\u001b[31mred',
  'line\r\nbreak\u2028separator\u2029paragraph',
  'right-to-left \u202Egnp.exe\u202C override',
  'zero\u200Bwidth\u200Djoiner\uFEFFbom',
  'Z̷̡̛͔̈́a̶̰͒l̵̨̈́g̸̣̈́o̵͎͌',
  '𝕳𝖊𝖆𝖉𝖑𝖎𝖓𝖊 😀👍🏽👨‍👩‍👧 \uD83D',
  'ﷺ ᄀᄀᄀ 각 Ǆ ß ﬁ',
  '../../../../etc/passwd',
  '%00%0d%0a%3Cscript%3E',
  'x'.repeat(10_000),
  'word '.repeat(5_000),
];

/** Markers that must never appear in HTML served to readers (as markup, not as escaped text). */
export const ACTIVE_MARKUP = /<script|<iframe|<svg|<img|<style|\son\w+\s*=|javascript:/i;

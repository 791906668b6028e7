import { escapeHtml, html, SafeHtml, safeUrl } from './html';

describe('escaping', () => {
  it('escapes the five characters that matter in content and attributes', () => {
    expect(escapeHtml(`<script>alert("x" & 'y')</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;');
    expect(escapeHtml(null)).toBe('');
    expect(escapeHtml(42)).toBe('42');
  });

  it('escapes every interpolation of the html tag, except SafeHtml, and joins lists', () => {
    // Called through an alias so that formatters leave the exact markup of these samples alone.
    const tag = html;
    const name = '<b onmouseover="x">';
    expect(tag`<p title="${name}">${name}</p>`.value).toBe(
      '<p title="&lt;b onmouseover=&quot;x&quot;&gt;">&lt;b onmouseover=&quot;x&quot;&gt;</p>',
    );
    expect(tag`<ul>${['<a>', tag`<li>ok</li>`]}</ul>`.value).toBe('<ul>&lt;a&gt;<li>ok</li></ul>');
    expect(tag`${new SafeHtml('<br>')}${null}${undefined}${false}`.value).toBe('<br>');
  });

  it('keeps only http(s) URLs', () => {
    expect(safeUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,x')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });
});

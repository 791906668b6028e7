import { sanitiseBody, sanitiseLine, sanitiseUrl } from './sanitize';

describe('sanitiseBody', () => {
  it('keeps plain text, escaping what HTML would interpret', () => {
    expect(sanitiseBody('  5 < 6 & "quotes" stay  ')).toEqual({
      html: '5 &lt; 6 &amp; "quotes" stay',
      text: '5 < 6 & "quotes" stay',
      links: 0,
      markupRemoved: false,
    });
  });

  it('keeps absolute http(s) links, with rel="nofollow ugc" and nothing but href', () => {
    const { html, links } = sanitiseBody('see <a href="https://example.org/a?b=1&c=2" target="_blank" rel="me" onclick="x()">this</a>');
    expect(html).toBe('see <a href="https://example.org/a?b=1&amp;c=2" rel="nofollow ugc">this</a>');
    expect(links).toBe(1);
  });

  it.each([
    ['javascript:', '<a href="javascript:alert(1)">x</a>'],
    ['data:', '<a href="data:text/html,hi">x</a>'],
    ['protocol-relative', '<a href="//evil.example/">x</a>'],
    ['relative', '<a href="/local">x</a>'],
    ['no href', '<a name="top">x</a>'],
  ])('drops a %s link but keeps its text', (_label, input) => {
    expect(sanitiseBody(input).html).toBe('x');
  });

  it('removes every other tag, scripts and styles with their content', () => {
    const result = sanitiseBody(
      '<p>Hi <b>there</b></p><script>alert(1)</script><style>p{}</style><img src=x onerror=alert(2)><iframe src="https://e.example"></iframe>',
    );
    expect(result.html).toBe('Hi there');
    expect(result.text).toBe('Hi there');
    expect(result.markupRemoved).toBe(true);
  });

  it('leaves nothing of a script-only body', () => {
    expect(sanitiseBody('<script>alert(1)</script>')).toMatchObject({ html: '', text: '', links: 0 });
  });

  it('counts links and bare URLs once each', () => {
    expect(sanitiseBody('<a href="https://a.example">https://a.example</a> and https://b.example and www.c.example').links).toBe(3);
  });
});

describe('sanitiseLine', () => {
  it('keeps text only, escaped, on one line', () => {
    expect(sanitiseLine('<script>alert("x")</script>Mallory\n <img src=x onerror=alert(1)> & co')).toBe('Mallory &amp; co');
  });
});

describe('sanitiseUrl', () => {
  it('normalises http(s) URLs and refuses anything else', () => {
    expect(sanitiseUrl('https://example.org/a"b<c>')).toBe('https://example.org/a%22b%3Cc%3E');
    expect(sanitiseUrl('javascript:alert(1)')).toBeUndefined();
    expect(sanitiseUrl('not a url')).toBeUndefined();
    expect(sanitiseUrl(undefined)).toBeUndefined();
  });
});

describe('sanitiseBody with anchors that lose their href', () => {
  it.each([
    ['<a ><a href="javascript:alert(1)">click</a>', 'click'],
    ['<a>x</a><a href="https://ok.example/">y</a> <b>z</b>', 'x<a href="https://ok.example/" rel="nofollow ugc">y</a> z'],
    ['<a><a href="https://x.example/">in</a> out</a>', '<a href="https://x.example/" rel="nofollow ugc">in</a> out'],
    ['<a href="https://x.example/"><a>in</a> out</a>', '<a href="https://x.example/" rel="nofollow ugc">in out</a>'],
  ])('keeps the text of %j and pairs the remaining tags', (raw, html) => {
    expect(sanitiseBody(raw).html).toBe(html);
  });
});

import sanitizeHtml from 'sanitize-html';

/**
 * The allowlist every HTML body passes before anything reads it: structure and emphasis only. No
 * scripts, styles, event handlers, forms or embedded frames survive; links keep only http(s) hrefs
 * and images only http(s) sources.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'q',
    'cite',
    'footer',
    'figure',
    'figcaption',
    'img',
    'picture',
    'a',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'small',
    'sub',
    'sup',
    'span',
    'div',
    'section',
    'article',
    'main',
    'header',
    'pre',
    'code',
    'hr',
    'abbr',
    'time',
    'mark',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
  ],
  allowedAttributes: { a: ['href'], img: ['src', 'alt'], time: ['datetime'], span: ['class'], small: ['class'], p: ['class'] },
  allowedSchemes: ['http', 'https'],
  allowedSchemesByTag: { img: ['http', 'https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Drop the contents of these, not only the tags: they are never part of the story.
  nonTextTags: [
    'script',
    'style',
    'textarea',
    'option',
    'noscript',
    'iframe',
    'object',
    'embed',
    'template',
    'svg',
    'nav',
    'form',
    'button',
    'select',
  ],
};

export function sanitiseHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

const ESCAPES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&nbsp;': ' ' };

/** A one-line field (headline, standfirst, caption) as plain text: any markup dropped, entities decoded. */
export function plainText(text: string): string {
  const stripped = /[<&]/.test(text)
    ? sanitizeHtml(text, { allowedTags: [], allowedAttributes: {}, nonTextTags: OPTIONS.nonTextTags })
    : text;
  return stripped
    .replace(/&(?:amp|lt|gt|quot|#39|nbsp);/g, (escape) => ESCAPES[escape])
    .replace(/\s+/g, ' ')
    .trim();
}

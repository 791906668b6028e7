import sanitizeHtml from 'sanitize-html';

export const LINK_REL = 'nofollow ugc';

const ABSOLUTE_HTTP = /^https?:\/\//i;

/**
 * Comment bodies keep their text and their links, nothing else. Links must be absolute http(s)
 * and get `rel="nofollow ugc"` so they pass no search ranking; any other markup (scripts, styles,
 * event handlers, images) is dropped, and `<`, `>` and `&` in the text come out as entities, so
 * the stored body is inert wherever it is rendered.
 */
const BODY_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['a'],
  allowedAttributes: { a: ['href', 'rel'] },
  allowedSchemes: ['http', 'https'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (_tagName, attribs): sanitizeHtml.Tag => ({
      tagName: 'a',
      attribs: ABSOLUTE_HTTP.test(attribs.href ?? '') ? { href: attribs.href, rel: LINK_REL } : {},
    }),
  },
};

const TEXT_OPTIONS: sanitizeHtml.IOptions = { allowedTags: [], allowedAttributes: {}, disallowedTagsMode: 'discard' };

/** Text outside links: where bare URLs are counted, so a linked URL is not counted twice. */
const TEXT_WITHOUT_LINKS_OPTIONS: sanitizeHtml.IOptions = {
  ...TEXT_OPTIONS,
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'a'],
};

/** Any tag but `<a>`/`</a>`: what sanitising removes. */
const OTHER_MARKUP = /<\/?(?!a[\s>])[a-z!][^>]*>/i;

const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;

export interface SanitisedBody {
  /** Inert HTML: text and `<a href rel="nofollow ugc">` only. */
  html: string;
  /** Plain text as a reader sees it, for length and word checks. */
  text: string;
  /** Links plus bare URLs. */
  links: number;
  /** Whether anything beyond links was removed. */
  markupRemoved: boolean;
}

/**
 * Removes the `<a>` tags left without an href (and their matching `</a>`), keeping their text. The
 * sanitised HTML is well formed, so matching opening and closing tags with a stack is exact, also
 * for nested anchors, where a pattern replace would pair the wrong tags.
 */
function withoutBareAnchors(html: string): string {
  const kept: boolean[] = [];
  return html.replace(/<a(?: [^>]*)?>|<\/a>/g, (tag) => {
    if (tag === '</a>') return kept.pop() ? tag : '';
    const keep = tag !== '<a>';
    kept.push(keep);
    return keep ? tag : '';
  });
}

export function sanitiseBody(raw: string): SanitisedBody {
  const trimmed = raw.trim();
  const html = withoutBareAnchors(sanitizeHtml(trimmed, BODY_OPTIONS)).trim();
  const text = decodeEntities(sanitizeHtml(trimmed, TEXT_OPTIONS)).trim();
  const anchors = (html.match(/<a href=/g) ?? []).length;
  const bare = (decodeEntities(sanitizeHtml(trimmed, TEXT_WITHOUT_LINKS_OPTIONS)).match(BARE_URL) ?? []).length;
  return { html, text, links: anchors + bare, markupRemoved: OTHER_MARKUP.test(trimmed) };
}

/**
 * Names: text only, whitespace collapsed, and escaped like the body's text, so that every public
 * field of a comment is safe to place in a page as it is.
 */
export function sanitiseLine(raw: string): string {
  return sanitizeHtml(raw, TEXT_OPTIONS).replace(/\s+/g, ' ').trim();
}

/** A website as a normalised absolute http(s) URL (quotes and angle brackets percent-encoded), or undefined. */
export function sanitiseUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

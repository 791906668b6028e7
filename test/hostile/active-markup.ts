import { JSDOM } from 'jsdom';

/** Elements that must not appear in a page because of what readers or sources wrote. */
const ACTIVE_ELEMENTS = ['script', 'iframe', 'object', 'embed', 'svg', 'img', 'style', 'link', 'meta', 'form'];
/** Attributes that take a URL, where a `javascript:` one would run. */
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc']);
export const MARKERS = [...ACTIVE_ELEMENTS, 'event handler attribute', 'javascript: URL'];

/**
 * What is active in a page, counted in the document a browser would build from it (jsdom, scripts
 * off): elements that load or run something, `on…` attributes, `javascript:` URLs. Counted, to be
 * compared with the same page without hostile content; text that only looks like markup (escaped, or
 * inside an attribute's value) counts for nothing.
 */
export function markerCounts(html: string): Record<string, number> {
  const { document } = new JSDOM(html).window;
  const counts: Record<string, number> = Object.fromEntries(
    ACTIVE_ELEMENTS.map((name) => [name, document.getElementsByTagName(name).length]),
  );
  const attributes = [...document.querySelectorAll('*')].flatMap((element) => [...element.attributes]);
  counts['event handler attribute'] = attributes.filter((attribute) => /^on/i.test(attribute.name)).length;
  counts['javascript: URL'] = attributes.filter(
    (attribute) => URL_ATTRIBUTES.has(attribute.name.toLowerCase()) && /^\s*javascript:/i.test(attribute.value),
  ).length;
  return counts;
}

/** What `html` has active that `baseline` (the counts of the same kind of page, benign) does not. */
export function gainedMarkers(baseline: Record<string, number>, html: string): string[] {
  return Object.entries(markerCounts(html))
    .filter(([name, count]) => count > baseline[name])
    .map(([name]) => name);
}

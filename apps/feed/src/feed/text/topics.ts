/** Named entities as the article events may carry them (optional; not every producer sends them). */
interface WithEntities {
  tags?: unknown;
  entities?: unknown;
  people?: unknown;
  places?: unknown;
  organisations?: unknown;
  organizations?: unknown;
}

const normalise = (value: string) => value.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

function strings(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry: unknown) => {
    if (typeof entry === 'string') return [entry];
    const name = (entry as { name?: unknown } | null)?.name;
    return typeof name === 'string' ? [name] : [];
  });
}

/**
 * What related articles are matched on: the tags and, when the event carries them, the people,
 * places and organisations named (`entity:<name>`, so the tag "france" and the place "France" both count).
 */
export function topicsOf(article: WithEntities): string[] {
  const tags = strings(article.tags).map((tag) => `tag:${normalise(tag)}`);
  const entities = [article.people, article.places, article.organisations, article.organizations]
    .flatMap(strings)
    .concat(entitiesField(article.entities))
    .map((name) => `entity:${normalise(name)}`);
  return [...new Set([...tags, ...entities])].filter((topic) => !topic.endsWith(':'));
}

/** `entities` may be a list of names, or of `{ name }`, or an object of lists keyed by kind. */
function entitiesField(value: unknown): string[] {
  if (Array.isArray(value)) return strings(value);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

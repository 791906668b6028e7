import slugify from 'slugify';

const MAX_SLUG_LENGTH = 80;

/** A readable URL slug from a headline: lower case, ASCII, hyphenated, cut at a word boundary. */
export function slugFromHeadline(headline: string): string {
  const slug = slugify(headline, { lower: true, strict: true, trim: true });
  if (!slug) return 'article';
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, '');
}

/** When the headline's slug belongs to another article: the same slug plus a stable suffix of the id. */
export function disambiguatedSlug(slug: string, articleId: string): string {
  return `${slug}-${articleId.replace(/-/g, '').slice(0, 8)}`;
}

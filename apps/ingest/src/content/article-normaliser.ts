import { ARTICLE_LIMITS, ArticleSubmittedData, articleIdFor, ErrorCodes } from '@frontpage/contracts';
import { AppError, FieldProblem } from '@frontpage/platform';
import { ArticleDraft } from './article-draft';
import { BodyBlock, blocksToText } from './body-block';
import { splitDateline } from './dateline';
import { extractEntities, mergeEntities } from './entities';
import { htmlToBlocks } from './html-blocks';
import { detectLanguage } from './language';
import { markdownToHtml } from './markdown';
import { plainText } from './sanitize';
import { readingTimeMinutes, teaserOf } from './teaser';
import { textToBlocks } from './text-blocks';

/**
 * Every input becomes the same clean command: HTML sanitised to an allowlist and turned into blocks,
 * a plain-text body beside them, a dateline lifted off the first paragraph, a teaser, the language,
 * entities found in the text merged with the source's own, and a reading time. Content that breaks
 * a limit after all this is refused with field-level reasons: nothing half-made is published.
 */
export function normaliseArticle(draft: ArticleDraft, receivedAt: Date): ArticleSubmittedData {
  let blocks = 'blocks' in draft.body ? draft.body.blocks : blocksOf(draft.body.format, draft.body.content, draft.canonicalUrl);
  let dateline = plainText(draft.dateline ?? '') || undefined;
  if (!dateline) {
    // A dateline at the start of the story wins over the source's "located", which is only a place.
    const first = blocks.findIndex((block) => block.type === 'paragraph');
    const split = first >= 0 && first <= 2 ? splitDateline(blocks[first].text!) : undefined;
    if (split) {
      dateline = split.dateline;
      blocks = blocks.map((block, i) => (i === first ? { ...block, text: split.rest } : block));
    } else dateline = plainText(draft.located ?? '') || undefined;
  }
  const images: BodyBlock[] = draft.images.map((image) => ({
    type: 'image',
    url: image.url,
    ...(plainText(image.caption ?? '') ? { caption: plainText(image.caption!) } : {}),
    ...(plainText(image.credit ?? '') ? { credit: plainText(image.credit!) } : {}),
  }));
  const known = new Set(blocks.filter((block) => block.type === 'image').map((block) => block.url));
  blocks = [...images.filter((image) => !known.has(image.url)), ...blocks].map(limitBlock);

  const headline = plainText(draft.headline);
  const standfirst = plainText(draft.standfirst ?? '') || undefined;
  const body = blocksToText(blocks);
  const problems = limitProblems(headline, body, blocks, standfirst);
  if (problems.length > 0)
    throw new AppError(ErrorCodes.ValidationFailed, 'The article is invalid', { httpStatus: 400, fields: problems, permanent: true });

  const language = draft.language?.trim() || detectLanguage(`${headline}\n${standfirst ?? ''}\n${body}`);
  const found = extractEntities(`${headline}. ${standfirst ?? ''} ${body}`, language);
  const entities = mergeEntities(draft.entities, found);
  return {
    articleId: articleIdFor(draft.source, draft.sourceId),
    source: draft.source,
    sourceId: draft.sourceId,
    headline,
    body,
    bodyFormat: draft.body.format,
    section: plainText(draft.section ?? '') || undefined,
    tags: [...new Set(draft.tags.map(plainText).filter(Boolean))].slice(0, ARTICLE_LIMITS.tags),
    byline: bylineOf(draft.bylines),
    dateline: dateline?.slice(0, ARTICLE_LIMITS.dateline),
    publishedAt: normaliseTime(draft.publishedAt),
    sourceUpdatedAt: normaliseTime(draft.updatedAt) ?? receivedAt.toISOString(),
    receivedAt: receivedAt.toISOString(),
    blocks,
    standfirst,
    teaser: teaserOf(standfirst, paragraphsText(blocks)),
    canonicalUrl: draft.canonicalUrl,
    language,
    entities,
    readingTimeMinutes: readingTimeMinutes(body),
  };
}

function blocksOf(format: ArticleDraft['body']['format'], content: string, baseUrl?: string): BodyBlock[] {
  switch (format) {
    case 'html':
      return htmlToBlocks(content, baseUrl);
    case 'markdown':
      return htmlToBlocks(markdownToHtml(content), baseUrl);
    case 'text':
      return textToBlocks(content);
  }
}

function paragraphsText(blocks: BodyBlock[]): string {
  const paragraphs = blocks.filter((block) => block.type === 'paragraph').map((block) => block.text!);
  return paragraphs.length > 0 ? paragraphs.join(' ') : blocksToText(blocks);
}

/** "A", "A and B", "A, B and C". */
export function bylineOf(bylines: string[]): string | undefined {
  const names = [...new Set(bylines.map((name) => plainText(name).replace(/^by\s+/i, '')).filter(Boolean))];
  if (names.length === 0) return undefined;
  const byline = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return byline.slice(0, ARTICLE_LIMITS.byline);
}

function limitBlock(block: BodyBlock): BodyBlock {
  const cut = (text: string | undefined, max: number) => (text === undefined ? undefined : text.slice(0, max));
  return Object.fromEntries(
    Object.entries({
      ...block,
      text: cut(block.text, ARTICLE_LIMITS.blockText),
      items: block.items?.slice(0, ARTICLE_LIMITS.listItems).map((item) => item.slice(0, ARTICLE_LIMITS.blockText)),
      cite: cut(block.cite, ARTICLE_LIMITS.cite),
      caption: cut(block.caption, ARTICLE_LIMITS.caption),
      credit: cut(block.credit, ARTICLE_LIMITS.credit),
    }).filter(([, value]) => value !== undefined),
  ) as unknown as BodyBlock;
}

function limitProblems(headline: string, body: string, blocks: BodyBlock[], standfirst?: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!headline) problems.push({ field: 'headline', problems: ['headline must not be blank'] });
  if (headline.length > ARTICLE_LIMITS.headline) {
    problems.push({ field: 'headline', problems: [`headline must be at most ${ARTICLE_LIMITS.headline} characters`] });
  }
  if (!body) problems.push({ field: 'body', problems: ['body has no text once sanitised'] });
  if (body.length > ARTICLE_LIMITS.body)
    problems.push({ field: 'body', problems: [`body must be at most ${ARTICLE_LIMITS.body} characters`] });
  if (blocks.length > ARTICLE_LIMITS.blocks)
    problems.push({ field: 'body', problems: [`body must have at most ${ARTICLE_LIMITS.blocks} blocks`] });
  if (standfirst && standfirst.length > ARTICLE_LIMITS.standfirst) {
    problems.push({ field: 'standfirst', problems: [`standfirst must be at most ${ARTICLE_LIMITS.standfirst} characters`] });
  }
  return problems;
}

/** ISO 8601 with any offset, as UTC with milliseconds, so equal instants compare equal downstream. */
function normaliseTime(iso: string | undefined): string | undefined {
  if (iso === undefined) return undefined;
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}

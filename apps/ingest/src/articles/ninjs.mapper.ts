import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { ArticleDraft, DraftImage } from '../content/article-draft';
import { NinjsItemDto, NinjsNamedDto, NinjsTextDto } from './ninjs.dto';

export type NinjsCommand = { kind: 'submit'; draft: ArticleDraft } | { kind: 'withdraw'; sourceId: string; reason: string };

/** Maps a validated ninjs item to a draft article, or to a withdrawal when it is `canceled`. */
export function fromNinjs(item: NinjsItemDto, source: string): NinjsCommand {
  if (item.pubstatus === 'canceled') return { kind: 'withdraw', sourceId: item.uri, reason: 'canceled by the source (ninjs pubstatus)' };
  if (item.pubstatus === 'withheld') {
    throw new AppError(ErrorCodes.ArticleNotUsable, 'A withheld item is not for publication; send it again when usable', {
      httpStatus: 422,
      fields: [{ field: 'pubstatus', problems: ['pubstatus withheld is not publishable'] }],
    });
  }
  const headline = byRole(item.headlines, ['main', 'headline'])?.value;
  const body = byRole(item.bodies, ['main', 'body'], (entry) => /html|plain|markdown|text/.test(entry.contenttype ?? 'text/plain'));
  const missing = [!headline?.trim() && 'headlines', !body?.value.trim() && 'bodies'].filter(Boolean) as string[];
  if (missing.length > 0) {
    throw new AppError(ErrorCodes.ValidationFailed, 'The ninjs item is invalid', {
      httpStatus: 400,
      fields: missing.map((field) => ({
        field,
        problems: [`${field} must have a non-empty ${field === 'bodies' ? 'text or HTML body' : 'headline'}`],
      })),
    });
  }
  const contentType = body!.contenttype ?? 'text/plain';
  return {
    kind: 'submit',
    draft: {
      source,
      sourceId: item.uri,
      headline: headline!,
      standfirst:
        byRole(item.descriptions, ['summary', 'description', 'abstract'])?.value ??
        byRole(item.headlines, ['sub', 'subheadline'], undefined, false)?.value,
      bylines: item.by ? item.by.split(/\s*(?:,|\band\b|&)\s*/i) : [],
      located: item.located,
      body: {
        format: contentType.includes('html') ? 'html' : contentType.includes('markdown') ? 'markdown' : 'text',
        content: body!.value,
      },
      images: picturesOf(item.associations),
      tags: names(item.subjects),
      entities: { people: names(item.people), places: names(item.places), organisations: names(item.organisations) },
      language: item.language,
      publishedAt: item.firstcreated,
      updatedAt: item.versioncreated,
    },
  };
}

function byRole<T extends NinjsTextDto>(
  entries: T[] | undefined,
  roles: string[],
  accept: (entry: T) => boolean = () => true,
  fallback = true,
): T | undefined {
  const usable = (entries ?? []).filter(accept);
  return (
    usable.find((entry) => roles.includes((entry.role ?? '').toLowerCase())) ??
    (fallback ? (usable.find((entry) => !entry.role) ?? usable[0]) : undefined)
  );
}

function names(entries: NinjsNamedDto[] | undefined): string[] {
  return (entries ?? []).map((entry) => entry.name?.trim() ?? '').filter(Boolean);
}

interface Rendition {
  name?: string;
  href?: string;
  width?: number;
  contenttype?: string;
}

/** Picture associations, each as its best rendition (`original`, else the widest) with caption and credit. */
function picturesOf(associations: NinjsItemDto['associations']): DraftImage[] {
  const items = Array.isArray(associations) ? associations : Object.values(associations ?? {});
  return items.flatMap((raw): DraftImage[] => {
    if (!raw || typeof raw !== 'object') return [];
    const association = raw as Record<string, unknown>;
    if (association.type !== undefined && !['picture', 'graphic'].includes(String(association.type))) return [];
    const renditions: Rendition[] = Array.isArray(association.renditions)
      ? (association.renditions as Rendition[])
      : Object.entries((association.renditions as Record<string, Rendition>) ?? {}).map(([name, rendition]) => ({ name, ...rendition }));
    const best =
      renditions.find((rendition) => rendition.name === 'original' && rendition.href) ??
      [...renditions].filter((rendition) => rendition.href).sort((a, b) => (b.width ?? 0) - (a.width ?? 0))[0];
    const href = best?.href ?? (typeof association.uri === 'string' && /^https?:/.test(association.uri) ? association.uri : undefined);
    if (!href || !/^https?:\/\//.test(href)) return [];
    const text = (list: unknown) =>
      Array.isArray(list) ? (list as NinjsTextDto[]).find((entry) => typeof entry?.value === 'string')?.value : undefined;
    const caption = text(association.descriptions) ?? text(association.headlines) ?? stringOf(association.body_text);
    const credit = stringOf(association.by) ?? stringOf(association.creditline) ?? stringOf(association.copyrightholder);
    return [{ url: href, caption, credit }];
  });
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

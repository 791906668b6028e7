import { Injectable } from '@nestjs/common';
import { ARTICLE_LIMITS, ErrorCodes, LANGUAGE_TAG_PATTERN } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { AcceptedArticle, ArticleIntakeService } from '../articles/article-intake.service';
import { ArticleDraft } from '../content/article-draft';
import { ExtractedPage } from './extracted-page';
import { extractHtmlPage } from './html-page.extractor';
import { extractTextPage } from './text-page.extractor';

export type PageFormat = 'html' | 'text';

/**
 * A whole page in, its story out: extracted, then normalised and submitted like any article. The
 * page's canonical address (or the one it was fetched from) identifies it, so posting the same page
 * again is the same article.
 */
@Injectable()
export class PagesService {
  constructor(private readonly intake: ArticleIntakeService) {}

  async submit(source: string, url: string, format: PageFormat, page: string): Promise<AcceptedArticle> {
    const extracted = format === 'html' ? extractHtmlPage(page, url) : extractTextPage(page);
    if (!extracted) {
      throw new AppError(ErrorCodes.PageNotExtractable, 'No article could be extracted from the page', {
        httpStatus: 422,
        permanent: true,
      });
    }
    return this.intake.submit(source, toDraft(source, url, extracted));
  }
}

function toDraft(source: string, url: string, page: ExtractedPage): ArticleDraft {
  const canonicalUrl = page.canonicalUrl ?? withoutTracking(url);
  const language = page.language?.replace(/^([A-Za-z]+)/, (primary) => primary.toLowerCase());
  return {
    source,
    sourceId: canonicalUrl.slice(0, ARTICLE_LIMITS.sourceId),
    headline: page.headline,
    standfirst: page.standfirst,
    bylines: page.byline ? [page.byline] : [],
    dateline: page.dateline,
    body: { format: 'html', blocks: page.blocks },
    images: [],
    tags: [],
    canonicalUrl,
    language: language && LANGUAGE_TAG_PATTERN.test(language) ? language : undefined,
    publishedAt: page.publishedAt,
  };
}

/** The address without its fragment and campaign parameters, so one page has one identity. */
export function withoutTracking(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  for (const key of [...parsed.searchParams.keys()]) if (/^(utm_|fbclid|gclid|ref$|cmp$)/i.test(key)) parsed.searchParams.delete(key);
  return parsed.toString();
}

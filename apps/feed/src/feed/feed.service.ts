import { Injectable, Logger } from '@nestjs/common';
import { ArticleSnapshotData, ArticleWithdrawnData, ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { FeedConfig } from '../feed.config';
import { CommentMarkRepository } from './comment-mark.repository';
import { decodeCursor, encodeCursor } from './feed-cursor';
import { FeedFilter, FeedItemRecord, FeedItemRepository } from './feed-item.repository';
import { ProjectionGenerations } from './projection/projection-generations';
import { SearchTermRepository } from './search-term.repository';
import { teaserOf } from './teaser';
import { headlineKey } from './text/near-duplicate';
import { termWeights } from './text/search-index';
import { topicsOf } from './text/topics';

export interface FeedItemView {
  id: string;
  slug: string;
  headline: string;
  teaser: string;
  dateline: string | null;
  section: string | null;
  tags: string[];
  publishedAt: string;
  url: string;
  /** Published comments on the article. */
  commentCount: number;
}

export interface FeedPage {
  items: FeedItemView[];
  nextCursor: string | null;
  /** How many articles the list holds, or `null` when more than FEED_TOTAL_LIMIT. */
  total: number | null;
}

export interface MostCommentedItem extends FeedItemView {
  /** Comments published within the window. */
  recentComments: number;
}

export interface MostCommentedList {
  windowHours: number;
  items: MostCommentedItem[];
}

/** Paragraph text of the optional body blocks, for the search index. */
function blockText(article: ArticleSnapshotData): string {
  const blocks = (article as { blocks?: unknown }).blocks;
  if (!Array.isArray(blocks)) return '';
  return blocks
    .flatMap((block: { text?: unknown; items?: unknown; caption?: unknown }) => [
      block?.text,
      block?.caption,
      ...(Array.isArray(block?.items) ? block.items : []),
    ])
    .filter((text): text is string => typeof text === 'string')
    .join('\n\n');
}

@Injectable()
export class FeedService {
  private readonly logger = new Logger(FeedService.name);

  constructor(
    private readonly repository: FeedItemRepository,
    private readonly commentMarks: CommentMarkRepository,
    private readonly searchTerms: SearchTermRepository,
    private readonly config: FeedConfig,
    private readonly generations: ProjectionGenerations,
  ) {}

  /** Projects the article version into every generation being written (two while a rebuild runs). */
  async applySnapshot(article: ArticleSnapshotData): Promise<void> {
    // Producers may send their own teaser (a standfirst); otherwise the opening of the body.
    const given = (article as { teaser?: unknown }).teaser;
    const teaser = typeof given === 'string' && given.trim() ? teaserOf(given) : teaserOf(article.body);
    const publishedAt = new Date(article.publishedAt);
    const content = {
      slug: article.slug,
      headline: article.headline,
      teaser,
      dateline: article.dateline,
      section: article.section,
      tags: article.tags,
      topics: topicsOf(article),
      headlineKey: headlineKey(article.headline),
      publishedAt,
    };
    let terms: ReadonlyMap<string, number> | undefined;
    const termsOf = () => (terms ??= termWeights(article.headline, teaser, [article.body, blockText(article)].join('\n\n')));
    for (const generation of await this.generations.writeTargets()) {
      const items = this.repository.in(generation);
      const index = this.searchTerms.in(generation);
      const applied = await items.applyVersion(article.id, article.version, content);
      this.logger.log({
        msg: applied ? 'feed item projected' : 'feed item already newer',
        articleId: article.id,
        version: article.version,
        generation,
      });
      // Index whenever this version is the stored one, not only when it was just applied: a crash
      // between the two writes is then repaired by the redelivery.
      const stored = applied ? undefined : await items.find(article.id);
      if (!applied && !(stored && !stored.withdrawn && stored.version === article.version)) continue;
      await index.replace(article.id, article.version, publishedAt, termsOf());
      if (this.generations.isShared(generation)) {
        // A rebuild and the live consumers may apply a newer version or a withdrawal of the same
        // article at the same moment; whoever indexes last checks that its version still stands.
        const now = await items.find(article.id);
        if (now?.withdrawn) await index.removeArticle(article.id);
        else if (now && now.version !== article.version) await index.removeVersion(article.id, article.version);
      }
    }
  }

  async applyWithdrawal(withdrawal: ArticleWithdrawnData): Promise<void> {
    for (const generation of await this.generations.writeTargets()) {
      const items = this.repository.in(generation);
      const applied = await items.withdraw(withdrawal.id, withdrawal.version);
      const stored = await items.find(withdrawal.id);
      if (stored?.withdrawn) await this.searchTerms.in(generation).removeArticle(withdrawal.id);
      this.logger.log({ msg: applied ? 'feed item withdrawn' : 'withdrawal already superseded', articleId: withdrawal.id, generation });
    }
  }

  async applyCommentVisibility(commentId: string, articleId: string, revision: number, visible: boolean, at?: Date): Promise<void> {
    for (const generation of await this.generations.writeTargets()) {
      const applied = await this.commentMarks.in(generation).mark(commentId, articleId, revision, visible, at);
      this.logger.log({
        msg: applied ? 'comment count updated' : 'comment event already applied',
        commentId,
        articleId,
        revision,
        visible,
        generation,
      });
    }
  }

  async page(filter: FeedFilter, limit: number, cursor?: string): Promise<FeedPage> {
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      throw new AppError(ErrorCodes.ValidationFailed, 'The cursor is not one this feed issued', {
        httpStatus: 400,
        fields: [{ field: 'cursor', problems: ['cursor is malformed'] }],
      });
    }
    // One extra item tells whether there is a next page.
    const { items: records, total } = await this.repository.pageAndCount(filter, limit + 1, this.config.FEED_TOTAL_LIMIT, after);
    const items = records.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: await this.views(items),
      nextCursor: records.length > limit && last ? encodeCursor({ publishedAt: last.publishedAt!, id: last._id }) : null,
      total,
    };
  }

  /** Articles with the most comments published in the last `windowHours` (default from config). */
  async mostCommented(limit: number, windowHours = this.config.MOST_COMMENTED_WINDOW_HOURS): Promise<MostCommentedList> {
    const since = new Date(Date.now() - windowHours * 3_600_000);
    // Over-fetch: some of the most commented may have been withdrawn since.
    const ranked = await this.commentMarks.mostCommentedSince(since, limit * 2 + 10);
    const visible = new Map((await this.repository.findVisibleByIds(ranked.map((row) => row.articleId))).map((item) => [item._id, item]));
    const kept = ranked.filter((row) => visible.has(row.articleId)).slice(0, limit);
    const views = await this.views(kept.map((row) => visible.get(row.articleId)!));
    return { windowHours, items: views.map((view, i) => ({ ...view, recentComments: kept[i].count })) };
  }

  sections(): Promise<string[]> {
    return this.repository.sections();
  }

  /** Public views of the records, in their order, with their comment counts. */
  async views(records: FeedItemRecord[]): Promise<FeedItemView[]> {
    const commentCounts = await this.commentMarks.countVisible(records.map((item) => item._id));
    return records.map((item) => this.view(item, commentCounts.get(item._id) ?? 0));
  }

  private view(item: FeedItemRecord, commentCount: number): FeedItemView {
    return {
      id: item._id,
      slug: item.slug!,
      headline: item.headline!,
      teaser: item.teaser!,
      dateline: item.dateline ?? null,
      section: item.section ?? null,
      tags: item.tags,
      publishedAt: item.publishedAt!.toISOString(),
      url: `${this.config.PUBLIC_BASE_URL}/v1/articles/${item.slug}`,
      commentCount,
    };
  }
}

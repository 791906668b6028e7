import { Injectable } from '@nestjs/common';
import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { FeedConfig } from '../feed.config';
import { FeedItemRecord, FeedItemRepository } from './feed-item.repository';
import { FeedItemView, FeedService } from './feed.service';
import { headlineKey } from './text/near-duplicate';
import { pickDistinct, rankRelated, RelatedCandidate } from './text/related-ranking';

export interface RelatedList {
  articleId: string;
  items: FeedItemView[];
}

/**
 * How many of the newest articles sharing a topic are considered: enough to rank, bounded in cost
 * (each is read whole). A topic with fewer is read entirely, so only common topics are cut, and those
 * weigh little. Topics are counted up to the same number: beyond it a topic is common either way.
 */
const CANDIDATES = 100;

/**
 * "You May Also Like" for an article: the best-ranked articles sharing its tags and entities,
 * then the same section's latest to fill the list when too few share anything.
 */
/**
 * How long the number of stored articles (the N of the topics' inverse document frequency) is reused.
 * It only weighs rare topics against common ones, so a minute-old estimate changes nothing a reader sees.
 */
const TOTAL_REUSE_MS = 60_000;

@Injectable()
export class RelatedService {
  private total?: { value: number; countedAt: number };

  constructor(
    private readonly items: FeedItemRepository,
    private readonly feed: FeedService,
    private readonly config: FeedConfig,
  ) {}

  async related(idOrSlug: string, limit: number): Promise<RelatedList> {
    const source = await this.items.findVisible(idOrSlug);
    if (!source) throw new AppError(ErrorCodes.ArticleNotFound, `No article "${idOrSlug}"`, { httpStatus: 404 });
    const topics = source.topics ?? [];
    const [{ items: candidates, frequencies: documentFrequency }, totalDocuments] = await Promise.all([
      this.items.withAnyTopic(topics, CANDIDATES),
      this.totalDocuments(),
    ]);
    const ranked = rankRelated(comparable(source), candidates.map(comparable), {
      limit,
      halfLifeHours: this.config.RELATED_HALF_LIFE_HOURS,
      now: new Date(),
      documentFrequency,
      // The estimate may lag a table that just grew (PostgreSQL refreshes it in the background): N is
      // at least any topic's count.
      totalDocuments: Math.max(totalDocuments, ...documentFrequency.values()),
    }).map((entry) => entry.candidate);
    let picked = ranked;
    if (picked.length < limit && source.section) {
      const latest = await this.items.page({ section: source.section }, limit * 3 + 1);
      picked = [...picked, ...pickDistinct(comparable(source), latest.map(comparable), limit - picked.length, (c) => c, picked)];
    }
    return { articleId: source._id, items: await this.feed.views(picked.map((candidate) => candidate.record)) };
  }

  /** The store's estimate, read at most once a minute per replica (a rebuilt generation holds the same articles). */
  private async totalDocuments(): Promise<number> {
    if (this.total && Date.now() - this.total.countedAt < TOTAL_REUSE_MS) return this.total.value;
    const value = await this.items.estimatedTotal();
    this.total = { value, countedAt: Date.now() };
    return value;
  }
}

interface Comparable extends RelatedCandidate {
  record: FeedItemRecord;
}

function comparable(record: FeedItemRecord): Comparable {
  return {
    id: record._id,
    topics: record.topics ?? [],
    publishedAt: record.publishedAt ?? new Date(0),
    headlineKey: record.headlineKey ?? headlineKey(record.headline ?? ''),
    teaser: record.teaser ?? '',
    record,
  };
}

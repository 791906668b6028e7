import { Model, PipelineStage } from 'mongoose';
import { ProjectionCollection } from './projection/projection-generations';
import { SearchTerm } from './search-term.schema';

export interface SearchHit {
  articleId: string;
  score: number;
  publishedAt: Date;
}

/** Position in a result list: after the hit with this score, publish time and id. */
export interface SearchCursor {
  score: number;
  publishedAt: Date;
  id: string;
}

const DUPLICATE_KEY = 11000;

/** The only code that touches `feed_search_terms` (in the active generation, or the one given to `in`). */
export class SearchTermRepository {
  constructor(private readonly collection: ProjectionCollection<SearchTerm>) {}

  /** The same collection in `generation`. */
  in(generation: number): SearchTermRepository {
    return new SearchTermRepository(this.collection.in(generation));
  }

  private get model(): Model<SearchTerm> {
    return this.collection.model;
  }

  /**
   * Makes `terms` the article's index at `version`: inserts this version's terms (those already
   * there from an earlier delivery are kept as they are), then removes older versions' terms. Safe to
   * repeat after a crash half-way. Plain inserts, not upserts: on the local store a batch of upserts
   * costs about ten times as much, and this runs for every article.
   */
  async replace(articleId: string, version: number, publishedAt: Date, terms: ReadonlyMap<string, number>): Promise<void> {
    if (terms.size > 0) {
      try {
        await this.model.insertMany(
          [...terms].map(([term, weight]) => ({ _id: `${articleId}:${version}:${term}`, term, articleId, weight, publishedAt, version })),
          { ordered: false, lean: true },
        );
      } catch (error) {
        // A redelivery: this version's terms (or some of them) are already indexed.
        if (!isOnlyDuplicates(error)) throw error;
      }
    }
    // Version 1 is the first: there is nothing older to remove.
    if (version > 1) await this.model.deleteMany({ articleId, version: { $lt: version } }).exec();
  }

  async removeArticle(articleId: string): Promise<void> {
    await this.model.deleteMany({ articleId }).exec();
  }

  /** Removes the terms of one version of the article (a newer version or a withdrawal overtook it). */
  async removeVersion(articleId: string, version: number): Promise<void> {
    await this.model.deleteMany({ articleId, version }).exec();
  }

  /** Articles matching any of the terms, best first: summed weights, then newest, then id. */
  async search(terms: string[], limit: number, after?: SearchCursor): Promise<SearchHit[]> {
    const pipeline: PipelineStage[] = [...this.grouped(terms)];
    if (after) {
      pipeline.push({
        $match: {
          $or: [
            { score: { $lt: after.score } },
            { score: after.score, '_id.publishedAt': { $lt: after.publishedAt } },
            { score: after.score, '_id.publishedAt': after.publishedAt, '_id.articleId': { $lt: after.id } },
          ],
        },
      });
    }
    pipeline.push({ $sort: { score: -1, '_id.publishedAt': -1, '_id.articleId': -1 } }, { $limit: limit });
    const rows = await this.model.aggregate<{ _id: { articleId: string; publishedAt: Date }; score: number }>(pipeline).exec();
    return rows.map((row) => ({ articleId: row._id.articleId, score: row.score, publishedAt: new Date(row._id.publishedAt) }));
  }

  async count(terms: string[]): Promise<number> {
    const [row] = await this.model.aggregate<{ total: number }>([...this.grouped(terms), { $count: 'total' }]).exec();
    return row?.total ?? 0;
  }

  private grouped(terms: string[]): PipelineStage[] {
    return [
      { $match: { term: { $in: terms } } },
      // Every term of an article carries its publish time, so grouping by both is grouping by article
      // (the store has no $max/$first accumulators).
      { $group: { _id: { articleId: '$articleId', publishedAt: '$publishedAt' }, score: { $sum: '$weight' } } },
    ];
  }
}

function isOnlyDuplicates(error: unknown): boolean {
  if ((error as { code?: number }).code === DUPLICATE_KEY) return true;
  const writeErrors = (error as { writeErrors?: { code?: number }[] }).writeErrors;
  return Array.isArray(writeErrors) && writeErrors.length > 0 && writeErrors.every((e) => e.code === DUPLICATE_KEY);
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { KnownArticle } from './known-article.schema';

/** The only code that touches `known_articles`; writes are conditional on the version. */
@Injectable()
export class KnownArticleRepository {
  constructor(@InjectModel(KnownArticle.name) private readonly model: Model<KnownArticle>) {}

  findById(id: string): Promise<KnownArticle | null> {
    return this.model.findById(id).lean<KnownArticle>().exec();
  }

  findBySlug(slug: string): Promise<KnownArticle | null> {
    return this.model.findOne({ slug }).lean<KnownArticle>().exec();
  }

  async upsertIfNewer(id: string, version: number, changes: Partial<KnownArticle>): Promise<boolean> {
    try {
      const result = await this.model
        .updateOne({ _id: id, version: { $lt: version } }, { $set: { ...changes, version, projectedAt: new Date() } }, { upsert: true })
        .exec();
      return result.modifiedCount + result.upsertedCount > 0;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }
}

import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { Article } from './article.schema';

export type ArticleRecord = Article;

export class DuplicateArticleError extends Error {
  constructor(readonly field: 'id' | 'slug' | 'source') {
    super(`an article with the same ${field} already exists`);
  }
}

/** The only code that touches the `articles` collection. */
@Injectable()
export class ArticleRepository {
  constructor(@InjectModel(Article.name) private readonly model: Model<Article>) {}

  findById(id: string): Promise<ArticleRecord | null> {
    return this.model.findById(id).lean<ArticleRecord>().exec();
  }

  findBySlug(slug: string): Promise<ArticleRecord | null> {
    return this.model.findOne({ slug }).lean<ArticleRecord>().exec();
  }

  async slugTakenByOther(slug: string, id: string): Promise<boolean> {
    return (await this.model.exists({ slug, _id: { $ne: id } })) !== null;
  }

  async insert(article: ArticleRecord): Promise<void> {
    try {
      await this.model.create(article);
    } catch (error) {
      throw translateDuplicate(error);
    }
  }

  /** Replaces the content only if nobody moved the article past `expectedVersion` meanwhile. */
  async replaceVersion(expectedVersion: number, article: ArticleRecord): Promise<boolean> {
    const { _id, createdAt: _createdAt, ...changes } = article;
    const result = await this.model.updateOne({ _id, version: expectedVersion }, { $set: changes }).exec();
    return result.matchedCount === 1;
  }

  /** Records that `version` has been announced; never moves the mark backwards. */
  async markAnnounced(id: string, version: number): Promise<void> {
    await this.model.updateOne({ _id: id, announcedVersion: { $lt: version } }, { $set: { announcedVersion: version } }).exec();
  }
}

function translateDuplicate(error: unknown): unknown {
  const { code, keyPattern } = error as { code?: number; keyPattern?: Record<string, unknown> };
  if (code !== DUPLICATE_KEY) return error;
  if (keyPattern?.slug) return new DuplicateArticleError('slug');
  if (keyPattern?.source || keyPattern?.sourceId) return new DuplicateArticleError('source');
  // FerretDB does not always say which index was violated; the caller re-reads and decides.
  return new DuplicateArticleError(keyPattern?._id ? 'id' : 'source');
}

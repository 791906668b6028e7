import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { BodyBlockType } from '@frontpage/contracts';

/** `duplicate`: a near-copy of another source's article, recorded but never published. */
export type ArticleStatus = 'published' | 'withdrawn' | 'duplicate';

export interface StoredBodyBlock {
  type: BodyBlockType;
  text?: string;
  ordered?: boolean;
  items?: string[];
  cite?: string;
  url?: string;
  caption?: string;
  credit?: string;
}

export interface StoredEntities {
  people: string[];
  places: string[];
  organisations: string[];
}

/** The article service's own record: the current version of each article, owned here alone. */
@Schema({ collection: 'articles', versionKey: false })
export class Article {
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true, unique: true })
  slug: string;

  @Prop({ required: true })
  source: string;

  @Prop({ required: true })
  sourceId: string;

  @Prop({ required: true, min: 1 })
  version: number;

  /** The highest version announced on `news.articles.v1`; behind `version` only after a crash. */
  @Prop({ required: true, default: 0 })
  announcedVersion: number;

  /** Hash of the reader-visible content: an identical resubmission changes nothing. */
  @Prop({ required: true })
  contentHash: string;

  @Prop({ type: String, required: true, enum: ['published', 'withdrawn', 'duplicate'], default: 'published' })
  status: ArticleStatus;

  @Prop({ required: true })
  headline: string;

  @Prop({ required: true })
  body: string;

  @Prop({ required: true })
  bodyFormat: string;

  @Prop()
  section?: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  @Prop()
  byline?: string;

  @Prop()
  dateline?: string;

  @Prop({ required: true })
  publishedAt: Date;

  /** Structured body as the source gave it; plain-text sources have none (the view derives them). */
  @Prop({ type: [Object], default: undefined })
  blocks?: StoredBodyBlock[];

  @Prop()
  standfirst?: string;

  @Prop()
  teaser?: string;

  @Prop()
  canonicalUrl?: string;

  @Prop()
  language?: string;

  @Prop({ type: Object })
  entities?: StoredEntities;

  @Prop()
  readingTimeMinutes?: number;

  /**
   * MinHash signature of the body (minhash.ts), compared with a new article's when this one holds one
   * of its band keys (article-band-key.schema.ts); absent for bodies too short to compare.
   */
  @Prop()
  minhash?: string;

  /** For a `duplicate`: the first article (from another source) that it copies. */
  @Prop()
  duplicateOf?: string;

  @Prop()
  withdrawnAt?: Date;

  @Prop()
  withdrawalReason?: string;

  /** The source's revision time of the content we hold; an older revision arriving late is ignored. */
  @Prop({ required: true })
  sourceUpdatedAt: Date;

  @Prop({ required: true })
  createdAt: Date;

  @Prop({ required: true })
  updatedAt: Date;
}

export const ArticleSchema = SchemaFactory.createForClass(Article);
ArticleSchema.index({ source: 1, sourceId: 1 }, { unique: true });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type KnownArticleStatus = 'open' | 'withdrawn';

/** The comment service's own record of which articles exist and whether they take comments. */
@Schema({ collection: 'known_articles', versionKey: false })
export class KnownArticle {
  /** The article id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  version: number;

  @Prop()
  slug?: string;

  /** When the article was first published: articles may close for comments some days later. */
  @Prop()
  publishedAt?: Date;

  @Prop({ type: String, required: true, enum: ['open', 'withdrawn'] })
  status: KnownArticleStatus;

  @Prop({ required: true })
  projectedAt: Date;
}

export const KnownArticleSchema = SchemaFactory.createForClass(KnownArticle);
KnownArticleSchema.index({ slug: 1 });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** The feed's projection of `news.articles.v1`: one document per article, at its newest version. */
@Schema({ collection: 'feed_items', versionKey: false })
export class FeedItem {
  /** The article id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  version: number;

  @Prop({ required: true, default: false })
  withdrawn: boolean;

  @Prop()
  slug?: string;

  @Prop()
  headline?: string;

  @Prop()
  teaser?: string;

  @Prop()
  dateline?: string;

  @Prop()
  section?: string;

  @Prop({ type: [String], default: [] })
  tags: string[];

  /** Lower-cased tags and named entities: what "You May Also Like" matches articles on. */
  @Prop({ type: [String], default: [] })
  topics: string[];

  /** The headline reduced to its words, to recognise the same story filed twice. */
  @Prop()
  headlineKey?: string;

  @Prop()
  publishedAt?: Date;

  @Prop({ required: true })
  projectedAt: Date;
}

export const FeedItemSchema = SchemaFactory.createForClass(FeedItem);
// Newest first with a unique tie-breaker: the feed's cursor walks this index.
FeedItemSchema.index({ withdrawn: 1, publishedAt: -1, _id: -1 });
FeedItemSchema.index({ withdrawn: 1, section: 1, publishedAt: -1, _id: -1 });
FeedItemSchema.index({ withdrawn: 1, tags: 1, publishedAt: -1, _id: -1 });
FeedItemSchema.index({ withdrawn: 1, topics: 1, publishedAt: -1 });
FeedItemSchema.index({ slug: 1 });

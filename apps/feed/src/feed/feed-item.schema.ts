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

  /** The month, day and hour of publication in each list the item is visible in (list-buckets.ts); none once withdrawn. */
  @Prop({ type: [String], default: [] })
  listBuckets: string[];
}

export const FeedItemSchema = SchemaFactory.createForClass(FeedItem);
// Every list (home, section, tag, topic) is read one period at a time through `listBuckets`; a section's
// liveness is checked by `section`; an article page by `slug`. Nothing selects on tags or topics
// themselves any more, and each index is one more write for every item stored.
FeedItemSchema.index({ listBuckets: 1, withdrawn: 1 });
FeedItemSchema.index({ section: 1, withdrawn: 1 });
FeedItemSchema.index({ slug: 1 });

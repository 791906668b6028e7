import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type EntryOutcome = 'published' | 'rejected';

/**
 * What a source's entry looked like when it was last handled: an entry whose fingerprint is the same
 * is not published again. Written only once the article service's command is on Kafka (or the entry
 * was refused for good), so an entry that failed to publish is taken again on the next poll.
 */
@Schema({ collection: 'feed_entries', versionKey: false })
export class FeedEntry {
  /** `<feed source id>:<sha256 of the entry's id>`: one record per entry of each feed. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  feedSourceId: string;

  @Prop({ required: true })
  entryId: string;

  @Prop({ required: true })
  fingerprint: string;

  @Prop({ type: String, required: true, enum: ['published', 'rejected'] })
  outcome: EntryOutcome;

  @Prop({ type: String })
  articleId?: string;

  @Prop({ type: String })
  reason?: string;

  @Prop({ type: Date, required: true })
  handledAt: Date;
}

export const FeedEntrySchema = SchemaFactory.createForClass(FeedEntry);
FeedEntrySchema.index({ feedSourceId: 1 });

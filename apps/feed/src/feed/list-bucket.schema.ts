import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One node of a reader list's tree of publication times (list-buckets.ts): a list, one of its months,
 * days or hours. Nodes are only ever added; an hour whose articles all left the list stays, empty.
 */
@Schema({ collection: 'feed_list_buckets', versionKey: false })
export class ListBucket {
  @Prop({ type: String, required: true })
  _id: string;

  /** The node above: a list's months name the list, its days their month, its hours their day. */
  @Prop({ required: true })
  parent: string;
}

export const ListBucketSchema = SchemaFactory.createForClass(ListBucket);
ListBucketSchema.index({ parent: 1 });

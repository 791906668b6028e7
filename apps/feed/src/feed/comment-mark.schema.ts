import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * One document per comment the feed has heard of on `news.comments.v1`: an article's comment
 * count is the number of its visible marks, so a redelivered or replayed event changes nothing.
 */
@Schema({ collection: 'feed_comment_marks', versionKey: false })
export class CommentMark {
  /** The comment id. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  articleId: string;

  /** The comment's revision in the last event applied: an older event never undoes a newer one. */
  @Prop({ required: true })
  revision: number;

  @Prop({ required: true })
  visible: boolean;

  /** When the comment became visible: "most commented" counts comments within a recent window. */
  @Prop()
  at?: Date;
}

export const CommentMarkSchema = SchemaFactory.createForClass(CommentMark);
CommentMarkSchema.index({ articleId: 1, visible: 1 });
CommentMarkSchema.index({ visible: 1, at: -1 });

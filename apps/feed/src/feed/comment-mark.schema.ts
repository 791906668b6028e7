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

  /**
   * The UTC hour and day of `at` (`2026-11-28T14`, `2026-11-28`), set with it: "most commented" reads
   * a window as one equality match per bucket, which the local store serves from an index, where a
   * range on `at` makes it read every visible mark. Marks written before these keys existed have none,
   * so no window counts them: they stop mattering once the window has moved past them (a day, for the
   * default window), and a rebuild of the projection (`npm run feed:rebuild`) writes them with keys.
   */
  @Prop()
  atHour?: string;

  @Prop()
  atDay?: string;
}

export const CommentMarkSchema = SchemaFactory.createForClass(CommentMark);
CommentMarkSchema.index({ articleId: 1, visible: 1 });
CommentMarkSchema.index({ atHour: 1, visible: 1 });
CommentMarkSchema.index({ atDay: 1, visible: 1 });

import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { CommentSubmittedData } from '@frontpage/contracts';

/**
 * A submission for an article this service has not heard of yet, parked until the article arrives
 * or the wait ends. It holds the reader's email and client address, so it is removed as soon as the
 * comment is moderated (the `comments` document then keeps what moderators need).
 */
@Schema({ collection: 'comments_awaiting_article', versionKey: false })
export class AwaitingComment {
  /** The comment id: a redelivered submission parks once. */
  @Prop({ type: String, required: true })
  _id: string;

  /** The submission's article id (lower case) or slug, as the reader's address named it. */
  @Prop({ required: true })
  articleRef: string;

  @Prop({ type: Object, required: true })
  submission: CommentSubmittedData;

  /** The submission's own time: parked comments are moderated in this order. */
  @Prop({ required: true })
  submittedAt: Date;

  @Prop({ required: true })
  parkedAt: Date;

  /** Until then, one replica's sweep is moderating it; the epoch when nobody is. */
  @Prop({ required: true })
  claimedUntil: Date;
}

export const AwaitingCommentSchema = SchemaFactory.createForClass(AwaitingComment);
AwaitingCommentSchema.index({ articleRef: 1, submittedAt: 1 });
AwaitingCommentSchema.index({ parkedAt: 1 });

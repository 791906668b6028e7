import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { CommentStatus, ModerationCheck, ModerationReason } from './moderation/pipeline';

/** One reader's comment and its moderation. The email is here for moderators only. */
@Schema({ collection: 'comments', versionKey: false })
export class Comment {
  /** The id the gateway gave the reader: a redelivered submission collides on it. */
  @Prop({ type: String, required: true })
  _id: string;

  /** Absent when the article was unknown: such a comment is rejected and never published. */
  @Prop()
  articleId?: string;

  @Prop({ required: true })
  articleSlug: string;

  /** After depth limiting: may be an ancestor of the comment the reader replied to. */
  @Prop()
  parentId?: string;

  /** Ids from the top-level comment down to the parent; empty for a top-level comment. */
  @Prop({ type: [String], default: [] })
  ancestors: string[];

  /** The top-level comment of the thread (itself when top-level): replies are loaded by it. */
  @Prop({ required: true })
  rootId: string;

  @Prop({ required: true })
  depth: number;

  /** Sanitised, HTML-escaped text. */
  @Prop({ required: true })
  authorName: string;

  @Prop()
  authorUrl?: string;

  /** Shown to moderators only; never in a public answer, event or log line. */
  @Prop({ required: true })
  authorEmail: string;

  /** HMAC of the normalised email: repeat, flood and trust checks look commenters up by it. */
  @Prop({ required: true })
  commenterHash: string;

  /** HMAC of the client address: lets abuse be traced to one client without keeping the address. */
  @Prop({ required: true })
  clientHash: string;

  /** Sanitised, inert HTML; empty when sanitising left nothing (such a comment is rejected). */
  @Prop({ type: String, default: '' })
  body: string;

  /** Hash of the body's normalised text, for repeat detection. */
  @Prop({ required: true })
  textHash: string;

  @Prop({ type: String, required: true, enum: ['pending', 'approved', 'rejected', 'spam'] })
  status: CommentStatus;

  @Prop({ type: String, required: true })
  reason: ModerationReason | 'moderator';

  @Prop({ type: [Object], default: [] })
  checks: ModerationCheck[];

  @Prop({ required: true, default: false })
  featured: boolean;

  /** Approved comments below this one in its thread: the "top" order uses it. */
  @Prop({ required: true, default: 0 })
  repliesCount: number;

  /** Grows with every change; public events carry it, so consumers can ignore older news. */
  @Prop({ required: true, default: 1 })
  revision: number;

  @Prop({ required: true })
  submittedAt: Date;

  @Prop({ required: true })
  moderatedAt: Date;

  /** When it last became approved. */
  @Prop()
  publishedAt?: Date;
}

export const CommentSchema = SchemaFactory.createForClass(Comment);
// Threads: top-level comments of an article in each reader order, then a page's replies by root.
CommentSchema.index({ articleId: 1, status: 1, depth: 1, submittedAt: 1, _id: 1 });
CommentSchema.index({ rootId: 1, status: 1 });
// Repeat, flood and trust checks look a commenter up.
CommentSchema.index({ commenterHash: 1, submittedAt: -1 });
// The moderation queue, oldest first.
CommentSchema.index({ status: 1, submittedAt: 1, _id: 1 });

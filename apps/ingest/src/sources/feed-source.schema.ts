import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const FEED_KINDS = ['rss', 'atom', 'jsonfeed'] as const;
export type FeedKind = (typeof FEED_KINDS)[number];

export type SourceHealth = 'healthy' | 'unhealthy';

/**
 * A publisher's feed, polled on its schedule. `nextPollAt` is also the identity of the next poll:
 * the replica that claims it (see `FeedPollClaim`) is the only one to poll the source until it moves on.
 */
@Schema({ collection: 'feed_sources', versionKey: false })
export class FeedSource {
  @Prop({ type: String, required: true })
  _id: string;

  /** The API key's source: the one that registered the feed and under whose name entries are published. */
  @Prop({ required: true })
  owner: string;

  @Prop({ required: true })
  name: string;

  @Prop({ type: String, required: true, enum: FEED_KINDS })
  kind: FeedKind;

  @Prop({ required: true })
  url: string;

  @Prop({ required: true, min: 1 })
  intervalSeconds: number;

  @Prop({ type: String, required: true, enum: ['healthy', 'unhealthy'], default: 'healthy' })
  health: SourceHealth;

  @Prop({ required: true, default: 0 })
  consecutiveFailures: number;

  @Prop({ type: String })
  lastError?: string;

  @Prop({ type: Date })
  lastErrorAt?: Date;

  @Prop({ type: Date })
  lastPolledAt?: Date;

  @Prop({ type: Date })
  lastSuccessAt?: Date;

  @Prop({ type: Date, required: true })
  nextPollAt: Date;

  /** Validators from the last complete 200, sent back as If-None-Match / If-Modified-Since. */
  @Prop({ type: String })
  etag?: string;

  @Prop({ type: String })
  lastModified?: string;

  /** Entries in the feed as last fetched. */
  @Prop({ required: true, default: 0 })
  entriesInFeed: number;

  /** Entries (new or changed) handed to the article service, over the source's life. */
  @Prop({ required: true, default: 0 })
  entriesPublished: number;

  /** Entries refused (no id, no title, no body once sanitised...), over the source's life. */
  @Prop({ required: true, default: 0 })
  entriesRejected: number;

  /**
   * A hint, written by the replica that claimed the due poll, so that others skip the source while it
   * is polled. Who polls is decided by the claim (`FeedPollClaim`), never by this field.
   */
  @Prop({ type: String })
  claimedBy?: string;

  @Prop({ type: Date, required: true, default: () => new Date(0) })
  claimedUntil: Date;

  @Prop({ type: Date, required: true })
  createdAt: Date;

  @Prop({ type: Date, required: true })
  updatedAt: Date;
}

export const FeedSourceSchema = SchemaFactory.createForClass(FeedSource);
FeedSourceSchema.index({ owner: 1, url: 1 }, { unique: true });
FeedSourceSchema.index({ nextPollAt: 1 });

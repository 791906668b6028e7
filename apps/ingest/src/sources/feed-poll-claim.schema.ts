import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A replica's hold on one scheduled poll of a source. Claims are only ever inserted, under an id
 * made of the source, its `nextPollAt` and a generation number, so that the store's unique `_id`
 * decides between replicas: of several inserting the same claim, exactly one succeeds.
 *
 * A generation lasts one lease; the holder inserts the next generation before its lease runs out.
 * If it dies, the next generation is free once the lease is over, and another replica takes it.
 * (A conditional update is not enough for this: FerretDB 1.x applies findAndModify and update as a
 * read followed by a write by `_id`, so two replicas can both "win" the same conditional update.)
 */
@Schema({ collection: 'feed_poll_claims', versionKey: false })
export class FeedPollClaim {
  /** `<feed source id>:<nextPollAt in ms>:<generation>`. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  feedSourceId: string;

  @Prop({ type: Date, required: true })
  due: Date;

  @Prop({ required: true })
  generation: number;

  /** The replica holding it (host:pid:random), for operators. */
  @Prop({ required: true })
  owner: string;

  @Prop({ type: Date, required: true })
  until: Date;
}

export const FeedPollClaimSchema = SchemaFactory.createForClass(FeedPollClaim);
FeedPollClaimSchema.index({ feedSourceId: 1, due: 1 });

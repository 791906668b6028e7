import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * The pointer every feed replica reads: which generation of the projection collections serves reads,
 * and which one a rebuild is filling (live consumers then write to both).
 */
@Schema({ collection: 'feed_projection_state', versionKey: false })
export class ProjectionState {
  /** Always `feed`: there is one pointer. */
  @Prop({ type: String, required: true })
  _id: string;

  @Prop({ required: true })
  active: number;

  @Prop({ type: Number, default: null })
  building: number | null;

  @Prop({ required: true })
  lastGeneration: number;

  /** Identifies the rebuild run that owns `building`. */
  @Prop()
  buildId?: string;

  @Prop()
  startedAt?: Date;

  /** Refreshed by the running rebuild: a stale one can be taken over. */
  @Prop()
  heartbeatAt?: Date;

  /** The generation that was active before the last switch. */
  @Prop()
  previous?: number;

  @Prop()
  switchedAt?: Date;
}

export const ProjectionStateSchema = SchemaFactory.createForClass(ProjectionState);

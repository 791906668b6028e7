import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { GenerationState, INITIAL_STATE } from './generation';
import { ProjectionState } from './projection-state.schema';

const POINTER_ID = 'feed';

export type ProjectionPointer = GenerationState &
  Partial<Pick<ProjectionState, 'buildId' | 'startedAt' | 'heartbeatAt' | 'previous' | 'switchedAt'>>;

export interface BuildClaim {
  generation: number;
  buildId: string;
  now: Date;
  /** A rebuild whose last heartbeat is older than this is taken to be dead. */
  staleBefore: Date;
}

/** The only code that touches `feed_projection_state`. Every change is one conditional update. */
@Injectable()
export class ProjectionStateRepository {
  constructor(@InjectModel(ProjectionState.name) private readonly model: Model<ProjectionState>) {}

  /** The pointer; a database that never had one is on the legacy generation. */
  async read(): Promise<ProjectionPointer> {
    const stored = await this.model.findById(POINTER_ID).lean<ProjectionState>().exec();
    if (!stored) return { ...INITIAL_STATE };
    const { _id: _ignored, ...pointer } = stored;
    return { ...pointer, building: pointer.building ?? null };
  }

  /**
   * Marks `claim.generation` as building, provided the pointer is still as `seen` and no live rebuild
   * holds it. False when another rebuild got there first or is still running.
   */
  async claim(seen: GenerationState, claim: BuildClaim): Promise<boolean> {
    const changes = {
      building: claim.generation,
      lastGeneration: claim.generation,
      buildId: claim.buildId,
      startedAt: claim.now,
      heartbeatAt: claim.now,
    };
    const exists = (await this.model.countDocuments({ _id: POINTER_ID }).exec()) > 0;
    if (!exists) {
      try {
        await this.model.create({ _id: POINTER_ID, active: seen.active, ...changes });
        return true;
      } catch (error) {
        if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
        throw error;
      }
    }
    const result = await this.model
      .updateOne(
        {
          _id: POINTER_ID,
          active: seen.active,
          lastGeneration: seen.lastGeneration,
          $or: [{ building: null }, { heartbeatAt: { $lt: claim.staleBefore } }],
        },
        { $set: changes },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Keeps the claim alive; false once the build no longer owns the pointer (aborted from outside). */
  async heartbeat(generation: number, buildId: string, now: Date): Promise<boolean> {
    const result = await this.model.updateOne({ _id: POINTER_ID, building: generation, buildId }, { $set: { heartbeatAt: now } }).exec();
    return result.matchedCount === 1;
  }

  /** Atomically makes the built generation the active one. False if the build lost its claim meanwhile. */
  async switchTo(generation: number, buildId: string, previous: number, now: Date): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { _id: POINTER_ID, active: previous, building: generation, buildId },
        { $set: { active: generation, building: null, previous, switchedAt: now }, $unset: { buildId: 1, heartbeatAt: 1 } },
      )
      .exec();
    return result.modifiedCount === 1;
  }

  /** Clears the building marker (of this build only, when `buildId` is given). True if it was cleared. */
  async release(generation: number, buildId?: string): Promise<boolean> {
    const result = await this.model
      .updateOne(
        { _id: POINTER_ID, building: generation, ...(buildId ? { buildId } : {}) },
        { $set: { building: null }, $unset: { buildId: 1, heartbeatAt: 1 } },
      )
      .exec();
    return result.modifiedCount === 1;
  }
}

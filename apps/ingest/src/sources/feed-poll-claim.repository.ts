import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { DUPLICATE_KEY } from '@frontpage/platform';
import { FeedPollClaim } from './feed-poll-claim.schema';

/** The only code that touches the `feed_poll_claims` collection. */
@Injectable()
export class FeedPollClaimRepository {
  constructor(@InjectModel(FeedPollClaim.name) private readonly model: Model<FeedPollClaim>) {}

  /** True when this call inserted the claim; false when another replica holds it already. */
  async tryClaim(claim: { feedSourceId: string; due: Date; generation: number; owner: string; until: Date }): Promise<boolean> {
    try {
      await this.model.create({ _id: claimId(claim.feedSourceId, claim.due, claim.generation), ...claim });
      return true;
    } catch (error) {
      if ((error as { code?: number }).code === DUPLICATE_KEY) return false;
      throw error;
    }
  }

  /** Forgets the claims on one scheduled poll, once it is over (or abandoned, so another replica may take it). */
  async release(feedSourceId: string, due: Date): Promise<void> {
    await this.model.deleteMany({ feedSourceId, due }).exec();
  }

  async deleteForSource(feedSourceId: string): Promise<void> {
    await this.model.deleteMany({ feedSourceId }).exec();
  }
}

export function claimId(feedSourceId: string, due: Date, generation: number): string {
  return `${feedSourceId}:${due.getTime()}:${generation}`;
}

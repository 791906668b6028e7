import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { FeedItemRepository } from './feed-item.repository';
import { ProjectionGenerations } from './projection/projection-generations';
import { SearchTermRepository } from './search-term.repository';

/**
 * Lists are read through each item's list buckets (list-buckets.ts). Items projected by an earlier
 * release have none, so after an upgrade each replica gives them theirs, in the background, once per
 * generation (a rebuild writes them anyway). Until it finishes, older articles may be missing from
 * lists; reads by id, slug and search are unaffected.
 */
@Injectable()
export class ListBucketsBackfill implements OnApplicationBootstrap {
  private readonly logger = new Logger(ListBucketsBackfill.name);

  constructor(
    private readonly items: FeedItemRepository,
    private readonly searchTerms: SearchTermRepository,
    private readonly generations: ProjectionGenerations,
  ) {}

  onApplicationBootstrap(): void {
    void this.run().catch((error: Error) =>
      this.logger.error({ msg: 'list buckets backfill failed; it runs again at the next start', error: error.message }),
    );
  }

  private async run(): Promise<void> {
    const generation = this.generations.active;
    // Postings are not backfilled (hundreds per article): a generation with none yet is simply marked,
    // an older one is searched the old way until `npm run feed:rebuild`.
    if (await this.searchTerms.in(generation).markBucketed(true)) this.logger.log({ msg: 'search postings have list buckets', generation });
    const items = this.items.in(generation);
    // Items are not given minutes afterwards either: only a generation with none yet reads by minutes.
    if (await items.markMinuteBuckets(true)) this.logger.log({ msg: 'feed items have minute buckets', generation });
    const updated = await items.backfillListBuckets((count) =>
      this.logger.log({ msg: 'list buckets backfill', generation, updated: count }),
    );
    if (updated > 0) this.logger.log({ msg: 'list buckets backfilled', generation, updated });
  }
}

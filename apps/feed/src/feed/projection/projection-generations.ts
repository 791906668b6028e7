import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { MetricsService } from '@frontpage/platform';
import type { Connection, Model, Schema } from 'mongoose';
import { Gauge } from 'prom-client';
import { FeedConfig } from '../../feed.config';
import { CommentMark, CommentMarkSchema } from '../comment-mark.schema';
import { FeedItem, FeedItemSchema } from '../feed-item.schema';
import { ListBucket, ListBucketSchema } from '../list-bucket.schema';
import { SearchTerm, SearchTermSchema } from '../search-term.schema';
import { collectionFor, GenerationState, INITIAL_STATE, LEGACY_GENERATION, orphanedCollections, writeTargets } from './generation';
import { ProjectionStateRepository } from './projection-state.repository';

/** One collection of the projection: its model name and schema; the schema names the base collection. */
export interface ProjectionCollectionDefinition<T> {
  name: string;
  schema: Schema<T>;
}

export const FEED_ITEMS: ProjectionCollectionDefinition<FeedItem> = { name: FeedItem.name, schema: FeedItemSchema as Schema<FeedItem> };
export const COMMENT_MARKS: ProjectionCollectionDefinition<CommentMark> = {
  name: CommentMark.name,
  schema: CommentMarkSchema as Schema<CommentMark>,
};
export const SEARCH_TERMS: ProjectionCollectionDefinition<SearchTerm> = {
  name: SearchTerm.name,
  schema: SearchTermSchema as Schema<SearchTerm>,
};
export const LIST_BUCKETS: ProjectionCollectionDefinition<ListBucket> = {
  name: ListBucket.name,
  schema: ListBucketSchema as Schema<ListBucket>,
};

/** Every collection a rebuild fills; a new projection collection must be added here. */
export const PROJECTION_COLLECTIONS: readonly ProjectionCollectionDefinition<unknown>[] = [
  FEED_ITEMS,
  COMMENT_MARKS,
  SEARCH_TERMS,
  LIST_BUCKETS,
] as ProjectionCollectionDefinition<unknown>[];

export function baseCollectionOf<T>(definition: ProjectionCollectionDefinition<T>): string {
  return definition.schema.get('collection') as string;
}

/** Generation 1 keeps the model names the feed always had. */
function modelNameOf<T>(definition: ProjectionCollectionDefinition<T>, generation: number): string {
  return generation === LEGACY_GENERATION ? definition.name : `${definition.name}_g${generation}`;
}

const NAMESPACE_NOT_FOUND = 26;

/**
 * Which generation of the projection this process reads and writes. The pointer is re-read every
 * FEED_PROJECTION_POLL_MS, so every replica follows a switch within about that time, without a
 * restart; a failed re-read keeps the last known state, so reads never stop.
 */
@Injectable()
export class ProjectionGenerations implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ProjectionGenerations.name);
  private state: GenerationState = { ...INITIAL_STATE };
  private readAt = 0;
  private timer?: NodeJS.Timeout;
  private pinned?: number;
  private closing = false;

  constructor(
    @InjectConnection() private readonly connection: Connection,
    private readonly pointer: ProjectionStateRepository,
    private readonly config: FeedConfig,
    private readonly metrics: MetricsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.refresh();
    await this.ensureCollections(this.state.active);
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), this.config.FEED_PROJECTION_POLL_MS);
    this.timer.unref();
    const state = () => this.state;
    new Gauge({
      name: 'feed_projection_generation',
      help: 'The projection generation this replica reads (state="active") and the one being rebuilt (state="building", 0 if none)',
      labelNames: ['state'] as const,
      registers: [this.metrics.registry],
      collect() {
        this.set({ state: 'active' }, state().active);
        this.set({ state: 'building' }, state().building ?? 0);
      },
    });
  }

  onModuleDestroy(): void {
    this.closing = true;
    clearInterval(this.timer);
  }

  /** The generation reads go to. */
  get active(): number {
    return this.state.active;
  }

  get current(): Readonly<GenerationState> {
    return this.state;
  }

  /**
   * The generations an event must be applied to. The pointer is re-read first when the last read is
   * older than two poll intervals, so a replica whose timer fell behind still dual-writes.
   */
  async writeTargets(): Promise<number[]> {
    if (this.pinned !== undefined) return [this.pinned];
    if (Date.now() - this.readAt > 2 * this.config.FEED_PROJECTION_POLL_MS) await this.refresh();
    return writeTargets(this.state);
  }

  /** Whether another writer may be projecting into `generation` at the same time (a rebuild beside the live consumers). */
  isShared(generation: number): boolean {
    return generation === this.pinned || (generation === this.state.building && generation !== this.state.active);
  }

  /** Sends every projection write of this process to `generation` only: what a rebuild does. */
  pinWrites(generation: number): void {
    this.pinned = generation;
  }

  async refresh(): Promise<GenerationState> {
    try {
      const read = await this.pointer.read();
      const next = { active: read.active, building: read.building, lastGeneration: read.lastGeneration };
      if (next.active !== this.state.active || next.building !== this.state.building) {
        this.logger.log({ msg: 'projection generation changed', from: this.state, to: next });
      }
      this.state = next;
      this.readAt = Date.now();
    } catch (error) {
      if (this.closing) return this.state;
      this.logger.warn({ msg: 'could not read the projection pointer; keeping the last known', error: (error as Error).message });
      if (this.readAt === 0) throw error;
    }
    return this.state;
  }

  /** The model of `definition`'s collection in `generation`. */
  model<T>(definition: ProjectionCollectionDefinition<T>, generation: number): Model<T> {
    const name = modelNameOf(definition, generation);
    const existing = this.connection.models[name] as Model<T> | undefined;
    if (existing) return existing;
    return this.connection.model<T>(name, definition.schema, collectionFor(baseCollectionOf(definition), generation));
  }

  /** Creates the generation's collections and indexes (idempotent). */
  async ensureCollections(generation: number): Promise<void> {
    for (const definition of PROJECTION_COLLECTIONS) {
      const model = this.model(definition, generation);
      await model.init();
      await model.createIndexes();
    }
  }

  async dropCollections(generation: number): Promise<string[]> {
    const names = PROJECTION_COLLECTIONS.map((definition) => collectionFor(baseCollectionOf(definition), generation));
    for (const name of names) await this.dropCollection(name);
    for (const definition of PROJECTION_COLLECTIONS) {
      const modelName = modelNameOf(definition, generation);
      if (this.connection.models[modelName]) this.connection.deleteModel(modelName);
    }
    return names;
  }

  /** Drops collections of generations neither active nor in `keep` (left by aborted or kept builds). */
  async dropOrphans(keep: number[]): Promise<string[]> {
    const existing = (await this.connection.db!.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const orphans = orphanedCollections(
      PROJECTION_COLLECTIONS.map((definition) => baseCollectionOf(definition)),
      existing,
      [this.state.active, ...keep],
    );
    for (const name of orphans) await this.dropCollection(name);
    return orphans;
  }

  private async dropCollection(name: string): Promise<void> {
    try {
      await this.connection.db!.dropCollection(name);
    } catch (error) {
      if ((error as { code?: number }).code !== NAMESPACE_NOT_FOUND) throw error;
    }
  }
}

/** A projection collection in the active generation (read afresh at every call), or pinned to one. */
export class ProjectionCollection<T> {
  constructor(
    private readonly generations: ProjectionGenerations,
    private readonly definition: ProjectionCollectionDefinition<T>,
    private readonly generation?: number,
  ) {}

  get model(): Model<T> {
    return this.generations.model(this.definition, this.generation ?? this.generations.active);
  }

  in(generation: number): ProjectionCollection<T> {
    return new ProjectionCollection(this.generations, this.definition, generation);
  }
}

/**
 * Generations of the feed's projection (blue/green collections). Generation 1 is the original set of
 * collections without a suffix (`feed_items`), so databases projected before generations existed keep
 * working; a rebuild writes generation N into `feed_items_g<N>` and friends, then switches over.
 */
export const LEGACY_GENERATION = 1;

/** The collection of `base` (e.g. `feed_items`) that holds `generation`. */
export function collectionFor(base: string, generation: number): string {
  if (!Number.isInteger(generation) || generation < LEGACY_GENERATION) throw new Error(`not a projection generation: ${generation}`);
  return generation === LEGACY_GENERATION ? base : `${base}_g${generation}`;
}

/** The generation a collection name belongs to, if it is one of `base`'s generations. */
export function generationOf(base: string, collection: string): number | undefined {
  if (collection === base) return LEGACY_GENERATION;
  if (!collection.startsWith(`${base}_g`)) return undefined;
  const suffix = collection.slice(base.length + 2);
  if (!/^[1-9]\d*$/.test(suffix)) return undefined;
  const generation = Number(suffix);
  return generation > LEGACY_GENERATION ? generation : undefined;
}

/** What the pointer document says: the generation readers use and the one being built, if any. */
export interface GenerationState {
  active: number;
  building: number | null;
  /** The highest generation number ever handed out: numbers are never reused. */
  lastGeneration: number;
}

export const INITIAL_STATE: GenerationState = { active: LEGACY_GENERATION, building: null, lastGeneration: LEGACY_GENERATION };

/** Where projection writes go: the active generation, and the one being built while a rebuild runs. */
export function writeTargets(state: Pick<GenerationState, 'active' | 'building'>): number[] {
  return state.building === null || state.building === state.active ? [state.active] : [state.active, state.building];
}

/** The number for a new generation: above every one handed out, including aborted builds. */
export function nextGeneration(state: GenerationState): number {
  return Math.max(state.active, state.building ?? 0, state.lastGeneration) + 1;
}

/**
 * Collections of `bases` that belong to no generation in use: left behind by an aborted rebuild, or
 * kept with `--keep-old`. A rebuild drops them before it starts.
 */
export function orphanedCollections(bases: readonly string[], collections: readonly string[], inUse: readonly number[]): string[] {
  return collections.filter((collection) =>
    bases.some((base) => {
      const generation = generationOf(base, collection);
      return generation !== undefined && !inUse.includes(generation);
    }),
  );
}

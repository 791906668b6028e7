import {
  collectionFor,
  generationOf,
  INITIAL_STATE,
  LEGACY_GENERATION,
  nextGeneration,
  orphanedCollections,
  writeTargets,
} from './generation';

describe('projection generations', () => {
  it('keeps the original collection names for the legacy generation and suffixes the others', () => {
    expect(collectionFor('feed_items', LEGACY_GENERATION)).toBe('feed_items');
    expect(collectionFor('feed_items', 2)).toBe('feed_items_g2');
    expect(collectionFor('feed_search_terms', 17)).toBe('feed_search_terms_g17');
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses generation %p', (generation) => {
    expect(() => collectionFor('feed_items', generation)).toThrow(/not a projection generation/);
  });

  it('reads the generation back from a collection name, and only from names of that base', () => {
    for (const generation of [1, 2, 9, 10, 123])
      expect(generationOf('feed_items', collectionFor('feed_items', generation))).toBe(generation);
    expect(generationOf('feed_items', 'feed_items_g0')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_items_g1')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_items_g02')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_items_gx')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_items_g2_old')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_item_g2')).toBeUndefined();
    expect(generationOf('feed_items', 'feed_projection_state')).toBeUndefined();
  });

  it('writes to the active generation, and to the one being built while a rebuild runs', () => {
    expect(writeTargets(INITIAL_STATE)).toEqual([1]);
    expect(writeTargets({ active: 1, building: 2 })).toEqual([1, 2]);
    expect(writeTargets({ active: 3, building: null })).toEqual([3]);
    expect(writeTargets({ active: 3, building: 3 })).toEqual([3]);
  });

  it('never hands out a generation number twice, aborted builds included', () => {
    expect(nextGeneration(INITIAL_STATE)).toBe(2);
    expect(nextGeneration({ active: 2, building: null, lastGeneration: 2 })).toBe(3);
    // generation 3 was started and aborted
    expect(nextGeneration({ active: 2, building: null, lastGeneration: 3 })).toBe(4);
    // a dead build still marked
    expect(nextGeneration({ active: 2, building: 5, lastGeneration: 5 })).toBe(6);
  });

  it('finds collections of generations no longer in use, and nothing else', () => {
    const bases = ['feed_items', 'feed_search_terms'];
    const existing = [
      'feed_items',
      'feed_items_g3',
      'feed_items_g4',
      'feed_search_terms_g3',
      'feed_projection_state',
      'other_g3',
      'feed_items_g3x',
    ];
    expect(orphanedCollections(bases, existing, [4])).toEqual(['feed_items', 'feed_items_g3', 'feed_search_terms_g3']);
    expect(orphanedCollections(bases, existing, [1, 3, 4])).toEqual([]);
  });
});

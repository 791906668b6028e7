import { topicsOf } from './topics';

describe('topicsOf', () => {
  it('takes tags, lower-cased and de-duplicated', () => {
    expect(topicsOf({ tags: ['Health', 'health', ' India '] })).toEqual(['tag:health', 'tag:india']);
  });

  it('adds entities in any of the shapes producers may send', () => {
    expect(
      topicsOf({
        tags: ['x'],
        people: ['Ada Lovelace'],
        places: [{ name: 'Lisbon' }],
        entities: { organisations: ['UN'] },
      }),
    ).toEqual(['tag:x', 'entity:ada lovelace', 'entity:lisbon', 'entity:un']);
    expect(topicsOf({ entities: [{ name: 'Paris', type: 'place' }, 'WHO'] })).toEqual(['entity:paris', 'entity:who']);
  });

  it('ignores what is not a list of names', () => {
    expect(topicsOf({ tags: 'health', people: [42, null, ''] })).toEqual([]);
  });
});

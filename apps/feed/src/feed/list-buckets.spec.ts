import { bucketPath, bucketsOf, HOME, kindRoot, ListDensity, listName, listValue, minutesOf } from './list-buckets';

describe('list buckets', () => {
  const at = new Date('2026-11-28T14:05:00.000Z');

  it('names a list by kind, length and value, and reads the value back', () => {
    expect(listName('section', 'world')).toBe('section:5:world');
    expect(listValue(listName('tag', 'a:b|c'))).toBe('a:b|c');
    expect(listValue(listName('tag', ''))).toBe('');
  });

  it('gives the month, day, hour and minute of a list in UTC, each within the one above', () => {
    expect(bucketPath(HOME, at)).toEqual({
      month: 'home|2026-11',
      day: 'home|2026-11-28',
      hour: 'home|2026-11-28T14',
      minute: 'home|2026-11-28T14:05',
    });
    expect(bucketPath(HOME, new Date('2026-11-28T23:30:00.000-05:00')).day).toBe('home|2026-11-29');
  });

  it("lists an hour's sixty minutes newest first, the same ids items are filed under", () => {
    const minutes = minutesOf('home|2026-11-28T14');
    expect(minutes).toHaveLength(60);
    expect(minutes[0]).toBe('home|2026-11-28T14:59');
    expect(minutes[59]).toBe('home|2026-11-28T14:00');
    expect(minutes).toContain(bucketPath(HOME, at).minute);
    expect([...minutes].sort().reverse()).toEqual(minutes);
  });

  it('files an item under every list it is in, each once, with the nodes leading to it', () => {
    const { keys, nodes } = bucketsOf({ section: 'world', tags: ['Rain', 'Rain'], topics: ['rain'] }, at);
    const lists = [HOME, listName('section', 'world'), listName('tag', 'Rain'), listName('topic', 'rain')];
    expect(keys).toEqual(lists.flatMap((list) => Object.values(bucketPath(list, at))));
    expect(nodes).toContainEqual({ _id: listName('section', 'world'), parent: kindRoot('section') });
    expect(nodes).toContainEqual({ _id: 'home|2026-11-28T14', parent: 'home|2026-11-28' });
    expect(nodes).toContainEqual({ _id: 'home|2026-11-28', parent: 'home|2026-11' });
    expect(nodes).toContainEqual({ _id: 'home|2026-11', parent: HOME });
    expect(nodes).toHaveLength(lists.length * 4);
    expect(bucketsOf({ section: null, tags: [] }, at).keys).toEqual(Object.values(bucketPath(HOME, at)));
  });

  it('never gives two different lists the same node id', () => {
    const plain = bucketsOf({ tags: ['a'] }, new Date('2025-05-20T08:00:00.000Z')).nodes.map((node) => node._id);
    const tricky = bucketsOf({ tags: ['a|2025-05'] }, new Date('2025-05-20T08:00:00.000Z')).nodes.map((node) => node._id);
    const shared = plain.filter((id) => tricky.includes(id));
    expect(shared.every((id) => id.startsWith('home'))).toBe(true);
  });

  it('learns how busy a list is, assuming busy until told', () => {
    const density = new ListDensity(2);
    expect(density.itemsPerDay('a')).toBe(Infinity);
    density.observe('a', 30, 3);
    expect(density.itemsPerDay('a')).toBe(10);
    density.observe('a', 20, 1);
    expect(density.itemsPerDay('a')).toBe(15);
    density.observe('b', 1, 0);
    expect(density.itemsPerDay('b')).toBe(Infinity);
    density.observe('b', 1, 1);
    density.observe('c', 1, 1);
    // Past its bound it forgets what it knew.
    expect(density.itemsPerDay('a')).toBe(Infinity);
  });
});

import { bucketsOf, HOME, ListDensity } from './list-buckets';
import { PeriodSource, periodsNewestFirst } from './period-walk';

/** An in-memory list tree: the walk's logic alone (the store-backed walk has its own tests against the store). */
function memorySource(times: Date[]) {
  const children = new Map<string, Set<string>>();
  const filed = new Map<string, Date[]>();
  for (const at of times) {
    const { keys, nodes } = bucketsOf({}, at);
    for (const node of nodes) {
      if (!children.has(node.parent)) children.set(node.parent, new Set());
      children.get(node.parent)!.add(node._id);
    }
    for (const key of keys) filed.set(key, [...(filed.get(key) ?? []), at]);
  }
  const reads: string[] = [];
  const source: PeriodSource<Date> = {
    children: async (parent) => [...(children.get(parent) ?? [])].sort().reverse(),
    itemsIn: async (bucket) => {
      reads.push(bucket);
      return [...(filed.get(bucket) ?? [])];
    },
  };
  return { source, reads };
}

async function collect(source: PeriodSource<Date>, density: ListDensity, from?: Date, stopAfter = Infinity): Promise<Date[]> {
  const seen: Date[] = [];
  for await (const items of periodsNewestFirst(source, { list: HOME, from, finest: 'hour', density })) {
    seen.push(...items.sort((a, b) => b.getTime() - a.getTime()));
    if (seen.length >= stopAfter) break;
  }
  return seen;
}

const hoursBefore = (start: Date, hours: number) => new Date(start.getTime() - hours * 3_600_000);

describe('walking a list by period', () => {
  const now = new Date('2026-03-01T12:30:00.000Z');

  it('yields every item once, newest period first, whether the list is busy or quiet', async () => {
    // Busy: 300 in the last 30 hours. Quiet: one a week for a year before that.
    const busy = Array.from({ length: 300 }, (_, i) => hoursBefore(now, i / 10));
    const quiet = Array.from({ length: 52 }, (_, i) => hoursBefore(now, 48 + i * 24 * 7));
    const all = [...busy, ...quiet].sort((a, b) => b.getTime() - a.getTime());
    const { source } = memorySource(all);
    const density = new ListDensity();
    expect(await collect(source, density)).toEqual(all);
    // Again, with the density learned: read more coarsely, the same items in the same order.
    expect(await collect(source, density)).toEqual(all);
  });

  it('starts at the period of `from`, leaving out only newer periods', async () => {
    const times = Array.from({ length: 100 }, (_, i) => hoursBefore(now, i * 5));
    const { source } = memorySource(times);
    const from = times[40];
    const seen = await collect(source, new ListDensity(), from);
    // The whole period of `from` is yielded (callers filter within it); nothing of a newer period.
    const fromHour = from.toISOString().slice(0, 13);
    expect(seen.every((at) => at.toISOString().slice(0, 13) <= fromHour)).toBe(true);
    expect(seen).toEqual(expect.arrayContaining(times.slice(40)));
  });

  it('reads a busy list hour by hour and stops reading when the caller stops', async () => {
    const busy = Array.from({ length: 2400 }, (_, i) => hoursBefore(now, i / 100));
    const { source, reads } = memorySource(busy);
    const seen = await collect(source, new ListDensity(), undefined, 20);
    expect(seen.length).toBeGreaterThanOrEqual(20);
    // Hours only, and far fewer than the day holds.
    expect(reads.every((bucket) => /T\d\d$/.test(bucket))).toBe(true);
    expect(reads.length).toBeLessThan(5);
  });

  it('reads a quiet list a month at a time', async () => {
    const quiet = Array.from({ length: 24 }, (_, i) => hoursBefore(now, i * 24 * 15));
    const { source, reads } = memorySource(quiet);
    const density = new ListDensity();
    await collect(source, density);
    reads.length = 0;
    await collect(source, density);
    expect(reads.every((bucket) => /\|\d{4}-\d\d$/.test(bucket))).toBe(true);
  });
});

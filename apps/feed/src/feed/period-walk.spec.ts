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

async function collect(
  source: PeriodSource<Date>,
  density: ListDensity,
  from?: Date,
  stopAfter = Infinity,
  finest: 'hour' | 'minute' = 'hour',
): Promise<Date[]> {
  const seen: Date[] = [];
  for await (const items of periodsNewestFirst(source, { list: HOME, from, finest, density })) {
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
  describe('filed down to minutes', () => {
    // 6 000 in the last hour: a hundred a minute.
    const busy = Array.from({ length: 6000 }, (_, i) => new Date(now.getTime() - i * 600));
    const isMinute = (bucket: string) => /T\d\d:\d\d$/.test(bucket);

    it('reads a list first by hours, then, once known to be that busy, a few minutes at a time', async () => {
      const { source, reads } = memorySource(busy);
      const density = new ListDensity();
      const first = await collect(source, density, undefined, 20, 'minute');
      expect(reads.some(isMinute)).toBe(false);
      reads.length = 0;
      const again = await collect(source, density, undefined, 20, 'minute');
      expect(again.slice(0, 20)).toEqual(first.slice(0, 20));
      // Minutes only: past the empty end of the hour (12:31 to 12:59), a few of the busy ones.
      expect(reads.every(isMinute)).toBe(true);
      const busyMinutesRead = reads.filter((bucket) => bucket <= 'home|2026-03-01T12:30');
      expect(busyMinutesRead.length).toBeGreaterThan(0);
      expect(busyMinutesRead.length).toBeLessThanOrEqual(16);
    });

    it('yields every item once, newest first, and from a cursor leaves out only newer minutes', async () => {
      const { source } = memorySource(busy);
      const density = new ListDensity();
      await collect(source, density, undefined, 1, 'minute');
      expect(await collect(source, density, undefined, Infinity, 'minute')).toEqual(busy);
      const from = busy[2500];
      const seen = await collect(source, density, from, Infinity, 'minute');
      const fromMinute = from.toISOString().slice(0, 16);
      expect(seen.every((at) => at.toISOString().slice(0, 16) <= fromMinute)).toBe(true);
      const seenTimes = new Set(seen.map((at) => at.getTime()));
      expect(busy.slice(2500).filter((at) => !seenTimes.has(at.getTime()))).toEqual([]);
    });

    it('passes over the empty end of the current hour in growing steps, without taking the list for quiet', async () => {
      // Published up to 12:30 in an hour that runs to 12:59: thirty empty minutes come first.
      const { source, reads } = memorySource(busy);
      const density = new ListDensity();
      await collect(source, density, undefined, 1, 'minute');
      const before = density.itemsPerDay(HOME);
      reads.length = 0;
      await collect(source, density, undefined, 20, 'minute');
      const empty = reads.filter((bucket) => bucket > 'home|2026-03-01T12:30');
      expect(empty).toHaveLength(29);
      expect(density.itemsPerDay(HOME)).toBeGreaterThan(before / 2);
    });

    it('reads a list by hours when it is not that busy, or when its items have no minutes', async () => {
      const steady = Array.from({ length: 600 }, (_, i) => hoursBefore(now, i / 100));
      const { source, reads } = memorySource(steady);
      const density = new ListDensity();
      await collect(source, density, undefined, 20, 'minute');
      await collect(source, density, undefined, 20, 'minute');
      expect(reads.some(isMinute)).toBe(false);
      const { source: busySource, reads: busyReads } = memorySource(busy);
      const learned = new ListDensity();
      await collect(busySource, learned, undefined, 20, 'hour');
      await collect(busySource, learned, undefined, 20, 'hour');
      expect(busyReads.some(isMinute)).toBe(false);
    });
  });
});

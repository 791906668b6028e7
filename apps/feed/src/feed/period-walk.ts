import { bucketPath, ListDensity, ListName } from './list-buckets';

/** About how many items one read of a list should bring: a month of a sparse list, an hour of a busy one. */
const READ_TARGET = 200;

/** Periods of a list read at once, when each holds few items. */
const MAX_PERIODS_AT_ONCE = 8;

/** Where a list's tree of periods and the items filed under them are read from. */
export interface PeriodSource<T> {
  /** The ids of the nodes below `parent`, newest period first. */
  children(parent: string): Promise<string[]>;
  /** The items filed under one month, day or hour node. */
  itemsIn(bucket: string): Promise<T[]>;
}

export interface PeriodWalk {
  list: ListName;
  /** Start at the period of this moment (its items after it included: callers filter). */
  from?: Date;
  /** The finest period items are filed under: lists of the feed go down to hours, search postings to days. */
  finest: 'day' | 'hour';
  density: ListDensity;
}

/**
 * The items of a list, one period at a time, newest period first: a whole month when the list is
 * quiet, else days, else (when filed that finely) hours, chosen from how busy the list was last time.
 * Periods never overlap, so the items of each are all older than those of every period before.
 * Lazy: a caller that stops early reads no further.
 */
export async function* periodsNewestFirst<T>(source: PeriodSource<T>, walk: PeriodWalk): AsyncGenerator<T[]> {
  const { list, density } = walk;
  const start = walk.from ? bucketPath(list, walk.from) : undefined;
  const months = (await source.children(list)).filter((month) => !start || month <= start.month);
  for (let m = 0; m < months.length; m += MAX_PERIODS_AT_ONCE) {
    const batch = months.slice(m, m + MAX_PERIODS_AT_ONCE);
    // A quiet list spans many months per page: their days, and the quiet months' items, are read together.
    const daysOf = await Promise.all(
      batch.map(async (month) => (await source.children(month)).filter((day) => !start || day <= start.day)),
    );
    let quiet: { days: number; items: Promise<T[]> }[] = [];
    let quietExpected = 0;
    const flushQuiet = async function* () {
      for (const month of quiet) {
        const items = await month.items;
        density.observe(list, items.length, month.days);
        yield items;
      }
      quiet = [];
      quietExpected = 0;
    };
    for (let k = 0; k < batch.length; k++) {
      const days = daysOf[k];
      if (days.length === 0) continue;
      const expected = days.length * density.itemsPerDay(list);
      if (expected <= READ_TARGET) {
        // Months are read together only up to about READ_TARGET items: a caller may need just the first.
        if (quietExpected + expected > READ_TARGET) yield* flushQuiet();
        quietExpected += expected;
        const items = source.itemsIn(batch[k]);
        // Awaited in order below, unless the caller stops first: its failure must not go unhandled then.
        items.catch(() => undefined);
        quiet.push({ days: days.length, items });
        continue;
      }
      yield* flushQuiet();
      yield* daysNewestFirst(source, walk, days, start?.hour);
    }
    yield* flushQuiet();
  }
}

/** The items of a busy month's `days`, a day or a few at a time, or hour by hour. */
async function* daysNewestFirst<T>(source: PeriodSource<T>, walk: PeriodWalk, days: string[], fromHour?: string): AsyncGenerator<T[]> {
  const { list, density } = walk;
  for (let i = 0; i < days.length;) {
    const perDay = density.itemsPerDay(list);
    if (perDay <= READ_TARGET || walk.finest === 'day') {
      const chunk = days.slice(i, i + periodsAtOnce(perDay));
      i += chunk.length;
      for (const items of await Promise.all(chunk.map((day) => source.itemsIn(day)))) {
        density.observe(list, items.length, 1);
        yield items;
      }
      continue;
    }
    const hours = (await source.children(days[i++])).filter((hour) => !fromHour || hour <= fromHour);
    for (let j = 0; j < hours.length;) {
      const chunk = hours.slice(j, j + periodsAtOnce(density.itemsPerDay(list) / 24));
      const read = await Promise.all(chunk.map((hour) => source.itemsIn(hour)));
      // The first hours read stand for the day: enough to tell a busy list from a quiet one.
      if (j === 0) density.observe(list, (read.flat().length * hours.length) / chunk.length, 1);
      j += chunk.length;
      yield* read;
    }
  }
}

/** How many periods of `perPeriod` items each to read at once: about READ_TARGET items, 1 to MAX_PERIODS_AT_ONCE periods. */
function periodsAtOnce(perPeriod: number): number {
  return Math.max(1, Math.min(MAX_PERIODS_AT_ONCE, Math.floor(READ_TARGET / Math.max(perPeriod, 1))));
}

import { bucketPath, ListDensity, ListName, minutesOf } from './list-buckets';

/** About how many items one read of a list should bring: a month of a sparse list, minutes of a busy one. */
const READ_TARGET = 200;

/** Periods of a list read at once, when each holds few items. */
const MAX_PERIODS_AT_ONCE = 8;

/**
 * Items an hour of a list must hold to be read minute by minute: below this, one read of the hour
 * brings less than the round trips its minutes would cost (eight minutes at a time).
 */
const MINUTES_FOR_HOURS_ABOVE = 1_000;

/** Where a list's tree of periods and the items filed under them are read from. */
export interface PeriodSource<T> {
  /** The ids of the nodes below `parent`, newest period first. */
  children(parent: string): Promise<string[]>;
  /** The items filed under one month, day, hour or minute. */
  itemsIn(bucket: string): Promise<T[]>;
}

export interface PeriodWalk {
  list: ListName;
  /** Start at the period of this moment (its items after it included: callers filter). */
  from?: Date;
  /**
   * The finest period items are filed under: lists of the feed go down to minutes (to hours in a
   * generation projected before items had minutes), search postings to days.
   */
  finest: 'day' | 'hour' | 'minute';
  density: ListDensity;
}

/**
 * The items of a list, one period at a time, newest period first: a whole month when the list is
 * quiet, else days, else (when filed that finely) hours or minutes, chosen from how busy the list was
 * last time.
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
      yield* daysNewestFirst(source, walk, days, start);
    }
    yield* flushQuiet();
  }
}

/** The items of a busy month's `days`, a day or a few at a time, or hour by hour (minute by minute in the busiest hours). */
async function* daysNewestFirst<T>(
  source: PeriodSource<T>,
  walk: PeriodWalk,
  days: string[],
  start?: { hour: string; minute: string },
): AsyncGenerator<T[]> {
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
    const hours = (await source.children(days[i++])).filter((hour) => !start || hour <= start.hour);
    for (let j = 0; j < hours.length;) {
      const perHour = density.itemsPerDay(list) / 24;
      // Minute by minute only for a list known to be that busy: the first read of a list is by hours.
      if (walk.finest === 'minute' && Number.isFinite(perHour) && perHour > MINUTES_FOR_HOURS_ABOVE) {
        yield* minutesNewestFirst(source, walk, hours[j++], start?.minute);
        continue;
      }
      const chunk = hours.slice(j, j + periodsAtOnce(perHour));
      const read = await Promise.all(chunk.map((hour) => source.itemsIn(hour)));
      // The first hours read stand for the day, as if every hour were as busy: enough to tell a busy
      // list from a quiet one, and to tell one whose hours are better read by minutes.
      if (j === 0) density.observe(list, (read.flat().length / chunk.length) * 24, 1);
      j += chunk.length;
      yield* read;
    }
  }
}

const MINUTES_PER_DAY = 24 * 60;

/**
 * The items of a busy hour, a few minutes at a time. An hour always has the same sixty minutes, so
 * they are not read from the tree; empty ones (the rest of the current hour) are passed over in
 * growing steps, up to sixteen minutes, and say nothing about how busy the list is.
 */
async function* minutesNewestFirst<T>(source: PeriodSource<T>, walk: PeriodWalk, hour: string, fromMinute?: string): AsyncGenerator<T[]> {
  const { list, density } = walk;
  const minutes = minutesOf(hour).filter((minute) => !fromMinute || minute <= fromMinute);
  let step = periodsAtOnce(density.itemsPerDay(list) / MINUTES_PER_DAY);
  for (let k = 0; k < minutes.length;) {
    const chunk = minutes.slice(k, k + step);
    k += chunk.length;
    const read = await Promise.all(chunk.map((minute) => source.itemsIn(minute)));
    const found = read.flat().length;
    if (found === 0) {
      step = Math.min(2 * MAX_PERIODS_AT_ONCE, step * 2);
      continue;
    }
    density.observe(list, found, chunk.length / MINUTES_PER_DAY);
    step = periodsAtOnce(density.itemsPerDay(list) / MINUTES_PER_DAY);
    yield* read;
  }
}

/** How many periods of `perPeriod` items each to read at once: about READ_TARGET items, 1 to MAX_PERIODS_AT_ONCE periods. */
function periodsAtOnce(perPeriod: number): number {
  return Math.max(1, Math.min(MAX_PERIODS_AT_ONCE, Math.floor(READ_TARGET / Math.max(perPeriod, 1))));
}

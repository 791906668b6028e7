/**
 * UTC hour and day keys for a moment, and the fewest such buckets that cover a window. A store that
 * only hands equality filters to its indexes (FerretDB on PostgreSQL) can then read a window as a
 * handful of `{ atDay }` / `{ atHour }` matches, instead of evaluating a range over every document.
 */

const HOUR_MS = 3_600_000;
const HOURS_PER_DAY = 24;

/** The UTC hour `at` falls in: `2026-11-28T14`. Keys sort in time order. */
export function hourKey(at: Date): string {
  return at.toISOString().slice(0, 13);
}

/** The UTC day `at` falls in: `2026-11-28`. Keys sort in time order. */
export function dayKey(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** The bucket keys stored with a moment. */
export function bucketKeysOf(at: Date): { atHour: string; atDay: string } {
  return { atHour: hourKey(at), atDay: dayKey(at) };
}

export type TimeBucket = { atDay: string } | { atHour: string };

/**
 * The buckets whose union holds every moment of [since, until]: whole UTC days where all 24 hours of
 * the day lie within the hours the window touches, single hours at the two edges. The first bucket
 * may start before `since` (a partial hour, or a day that starts in the window's first hour): callers
 * drop what is older. Empty when `since` is after `until`. At most 46 hours plus the whole days
 * between: 25 buckets for a 24-hour window (2 when it starts on midnight), at most 389 for 8 760 hours.
 */
export function bucketsCovering(since: Date, until: Date): TimeBucket[] {
  if (since.getTime() > until.getTime()) return [];
  const first = Math.floor(since.getTime() / HOUR_MS) * HOUR_MS;
  const last = Math.floor(until.getTime() / HOUR_MS) * HOUR_MS;
  const buckets: TimeBucket[] = [];
  let hour = first;
  while (hour <= last) {
    const startsDay = new Date(hour).getUTCHours() === 0;
    if (startsDay && hour + (HOURS_PER_DAY - 1) * HOUR_MS <= last) {
      buckets.push({ atDay: dayKey(new Date(hour)) });
      hour += HOURS_PER_DAY * HOUR_MS;
    } else {
      buckets.push({ atHour: hourKey(new Date(hour)) });
      hour += HOUR_MS;
    }
  }
  return buckets;
}

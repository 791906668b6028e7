import { bucketsCovering, dayKey, hourKey, TimeBucket } from './time-window';

const HOUR_MS = 3_600_000;
const at = (iso: string) => new Date(iso);

/** Every hour key the buckets stand for, in order, days expanded to their 24 hours. */
function hoursOf(buckets: TimeBucket[]): string[] {
  return buckets.flatMap((bucket) =>
    'atDay' in bucket ? Array.from({ length: 24 }, (_, h) => `${bucket.atDay}T${String(h).padStart(2, '0')}`) : [bucket.atHour],
  );
}

/** The hour keys from the hour of `since` to the hour of `until`, one by one. */
function hoursBetween(since: Date, until: Date): string[] {
  const keys: string[] = [];
  for (let t = Math.floor(since.getTime() / HOUR_MS) * HOUR_MS; t <= until.getTime(); t += HOUR_MS) keys.push(hourKey(new Date(t)));
  return keys;
}

describe('time window', () => {
  it('keys a moment by its UTC hour and day, whatever the offset it was written with', () => {
    expect(hourKey(at('2026-11-28T14:59:59.999Z'))).toBe('2026-11-28T14');
    expect(dayKey(at('2026-11-28T14:59:59.999Z'))).toBe('2026-11-28');
    expect(hourKey(at('2026-11-29T00:30:00+02:00'))).toBe('2026-11-28T22');
    expect(dayKey(at('2026-11-29T00:30:00+02:00'))).toBe('2026-11-28');
    expect(hourKey(at('2026-11-28T15:00:00.000Z'))).toBe('2026-11-28T15');
  });

  it('covers a window inside one hour with that hour', () => {
    expect(bucketsCovering(at('2026-11-28T14:05:00Z'), at('2026-11-28T14:55:00Z'))).toEqual([{ atHour: '2026-11-28T14' }]);
    expect(bucketsCovering(at('2026-11-28T14:05:00Z'), at('2026-11-28T14:05:00Z'))).toEqual([{ atHour: '2026-11-28T14' }]);
  });

  it('covers nothing when the window ends before it starts', () => {
    expect(bucketsCovering(at('2026-11-28T14:05:00Z'), at('2026-11-28T14:04:59.999Z'))).toEqual([]);
  });

  it('covers a window crossing midnight with the hours on each side', () => {
    expect(bucketsCovering(at('2026-11-28T22:30:00Z'), at('2026-11-29T01:10:00Z'))).toEqual([
      { atHour: '2026-11-28T22' },
      { atHour: '2026-11-28T23' },
      { atHour: '2026-11-29T00' },
      { atHour: '2026-11-29T01' },
    ]);
    expect(bucketsCovering(at('2026-12-31T23:59:00Z'), at('2027-01-01T00:01:00Z'))).toEqual([
      { atHour: '2026-12-31T23' },
      { atHour: '2027-01-01T00' },
    ]);
  });

  it('includes the hour that starts exactly at either end, and no hour past the end', () => {
    expect(bucketsCovering(at('2026-11-28T14:00:00Z'), at('2026-11-28T16:00:00Z'))).toEqual([
      { atHour: '2026-11-28T14' },
      { atHour: '2026-11-28T15' },
      { atHour: '2026-11-28T16' },
    ]);
    expect(bucketsCovering(at('2026-11-28T14:00:00Z'), at('2026-11-28T15:59:59.999Z'))).toEqual([
      { atHour: '2026-11-28T14' },
      { atHour: '2026-11-28T15' },
    ]);
  });

  it('takes a whole day as one bucket only when all its hours are in the window', () => {
    expect(bucketsCovering(at('2026-11-28T00:00:00Z'), at('2026-11-29T00:00:00Z'))).toEqual([
      { atDay: '2026-11-28' },
      { atHour: '2026-11-29T00' },
    ]);
    expect(bucketsCovering(at('2026-11-28T00:00:00Z'), at('2026-11-28T23:59:59.999Z'))).toEqual([{ atDay: '2026-11-28' }]);
    // A window that starts in a day's first hour reads that day whole: the same marks as its 24 hours.
    expect(bucketsCovering(at('2026-11-28T00:40:00Z'), at('2026-11-29T00:10:00Z'))).toEqual([
      { atDay: '2026-11-28' },
      { atHour: '2026-11-29T00' },
    ]);
    const dayMissingItsLastHour = bucketsCovering(at('2026-11-28T00:00:00Z'), at('2026-11-28T22:59:59.999Z'));
    expect(dayMissingItsLastHour).toHaveLength(23);
    expect(dayMissingItsLastHour.every((bucket) => 'atHour' in bucket)).toBe(true);
  });

  it('covers a multi-day window with edge hours around whole days', () => {
    const since = at('2026-11-25T21:15:00Z');
    const until = at('2026-11-28T02:45:00Z');
    const buckets = bucketsCovering(since, until);
    expect(buckets).toEqual([
      { atHour: '2026-11-25T21' },
      { atHour: '2026-11-25T22' },
      { atHour: '2026-11-25T23' },
      { atDay: '2026-11-26' },
      { atDay: '2026-11-27' },
      { atHour: '2026-11-28T00' },
      { atHour: '2026-11-28T01' },
      { atHour: '2026-11-28T02' },
    ]);
    expect(hoursOf(buckets)).toEqual(hoursBetween(since, until));
  });

  it('covers a 24-hour window with 25 buckets, or 2 when it starts on midnight', () => {
    const until = at('2026-11-28T14:20:00Z');
    expect(bucketsCovering(new Date(until.getTime() - 24 * HOUR_MS), until)).toHaveLength(25);
    const midnight = at('2026-11-29T00:00:00Z');
    expect(bucketsCovering(new Date(midnight.getTime() - 24 * HOUR_MS), midnight)).toHaveLength(2);
  });

  it('covers the longest window (8 760 hours) exactly, in under 400 buckets, across a leap day', () => {
    for (const end of ['2028-03-01T05:30:00Z', '2026-11-28T00:00:00Z', '2026-11-28T23:59:59.999Z', '2026-12-31T12:00:00Z']) {
      const until = at(end);
      const since = new Date(until.getTime() - 8_760 * HOUR_MS);
      const buckets = bucketsCovering(since, until);
      expect(buckets.length).toBeLessThanOrEqual(389);
      expect(buckets.length).toBeGreaterThan(365);
      expect(hoursOf(buckets)).toEqual(hoursBetween(since, until));
    }
  });

  it('covers every hour exactly once for windows starting at each minute offset and hour of a day', () => {
    const base = at('2026-11-27T00:00:00Z').getTime();
    for (let offset = 0; offset < 24 * HOUR_MS; offset += 37 * 60_000) {
      for (const hours of [0, 1, 23, 24, 25, 47, 48, 72, 200]) {
        const since = new Date(base + offset);
        const until = new Date(since.getTime() + hours * HOUR_MS);
        const buckets = bucketsCovering(since, until);
        expect(hoursOf(buckets)).toEqual(hoursBetween(since, until));
        expect(buckets.length).toBeLessThanOrEqual(46 + Math.floor(hours / 24));
      }
    }
  });
});

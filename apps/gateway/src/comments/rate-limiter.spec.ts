import { TokenBucketLimiter } from './rate-limiter';

describe('TokenBucketLimiter', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows a burst, then refuses with the seconds until the next token', () => {
    const limiter = new TokenBucketLimiter(3, 6, clock);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
  });

  it('refills at the configured rate, never above the burst', () => {
    const limiter = new TokenBucketLimiter(2, 6, clock);
    limiter.take('a');
    limiter.take('a');
    now += 10_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, false]);
  });

  it('keeps a bucket per key', () => {
    const limiter = new TokenBucketLimiter(1, 1, clock);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
    expect(limiter.take('b').allowed).toBe(true);
  });

  it('forgets refilled buckets when it holds too many keys', () => {
    const limiter = new TokenBucketLimiter(1, 60, clock, 2);
    limiter.take('a');
    limiter.take('b');
    now += 5_000;
    limiter.take('c');
    expect(limiter.size).toBe(1);
  });
});

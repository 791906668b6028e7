import { distribution, formatDistribution, formatLoadRow, percentile, ratio } from './stats';

describe('benchmark figures', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(distribution([5, 1, 3])).toEqual({ count: 3, p50: 3, p99: 5, max: 5 });
  });

  it('prints rows and ratios', () => {
    expect(ratio(50, 100)).toBe(0.5);
    expect(ratio(1, 0)).toBeNaN();
    expect(formatLoadRow({ name: 'gateway feed', requestsPerSecond: 1234.4, p50Ms: 3, p99Ms: 12.25, non2xx: 0, errors: 0 })).toMatch(
      /^gateway feed\s+1234 req\/s\s+p50\s+3\.0 ms\s+p99\s+12\.3 ms\s+non-2xx 0\s+errors 0$/,
    );
    expect(formatDistribution('x', { count: 2, p50: 10, p99: 20, max: 20 })).toMatch(/n\s+2\s+p50\s+10 ms\s+p99\s+20 ms\s+max\s+20 ms/);
  });
});

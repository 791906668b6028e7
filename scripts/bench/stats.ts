/** Pure figures for the benchmarks: percentiles, ratios and the table lines they print. */

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

export interface Distribution {
  count: number;
  p50: number;
  p99: number;
  max: number;
}

export function distribution(values: number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN };
}

export interface LoadFigures {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
}

export function formatLoadRow(row: LoadFigures): string {
  return [
    row.name.padEnd(28),
    `${row.requestsPerSecond.toFixed(0).padStart(7)} req/s`,
    `p50 ${row.p50Ms.toFixed(1).padStart(6)} ms`,
    `p99 ${row.p99Ms.toFixed(1).padStart(6)} ms`,
    `non-2xx ${row.non2xx}`,
    `errors ${row.errors}`,
  ].join('  ');
}

export function ratio(value: number, baseline: number): number {
  return baseline > 0 ? value / baseline : NaN;
}

export function formatDistribution(name: string, d: Distribution): string {
  return `${name.padEnd(28)}  n ${String(d.count).padStart(5)}  p50 ${d.p50.toFixed(0).padStart(6)} ms  p99 ${d.p99.toFixed(0).padStart(6)} ms  max ${d.max.toFixed(0).padStart(6)} ms`;
}

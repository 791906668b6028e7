import { SourceHealth } from './feed-source.schema';

export interface BackoffPolicy {
  failureThreshold: number;
  maxBackoffSeconds: number;
}

/**
 * Seconds until the next poll after `failures` consecutive failures (0: the source's own interval).
 * The wait doubles with each failure, up to the cap (never below the interval itself); a server's
 * Retry-After is honoured within the same cap.
 */
export function secondsUntilNextPoll(intervalSeconds: number, failures: number, policy: BackoffPolicy, retryAfterSeconds?: number): number {
  if (failures <= 0) return intervalSeconds;
  const cap = Math.max(policy.maxBackoffSeconds, intervalSeconds);
  const backoff = Math.min(intervalSeconds * 2 ** Math.min(failures, 30), cap);
  return retryAfterSeconds === undefined ? backoff : Math.max(backoff, Math.min(retryAfterSeconds, cap));
}

export function healthAfter(failures: number, policy: BackoffPolicy): SourceHealth {
  return failures >= policy.failureThreshold ? 'unhealthy' : 'healthy';
}

/** Which lease generation of the poll due at `due` covers the time `now` (each lasts `leaseMs`). */
export function generationAt(due: Date, now: number, leaseMs: number): number {
  return Math.max(0, Math.floor((now - due.getTime()) / leaseMs));
}

/** When a lease generation ends: the next one may then be claimed by any replica. */
export function generationEnd(due: Date, generation: number, leaseMs: number): Date {
  return new Date(due.getTime() + (generation + 1) * leaseMs);
}

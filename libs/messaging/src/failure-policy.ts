import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { mongo } from 'mongoose';

export type FailureDecision = 'retry' | 'dead-letter' | 'wait-for-infrastructure';

/**
 * The driver's errors for a store that cannot be reached or does not answer, with their subclasses:
 * a socket timeout, and a pool cleared under waiting operations when the server monitor loses the
 * server (`PoolClearedOnNetworkError`, which the driver does not export), are network errors.
 */
const STORE_UNAVAILABLE = [
  mongo.MongoNetworkError,
  mongo.MongoServerSelectionError,
  mongo.MongoNotConnectedError,
  mongo.MongoTopologyClosedError,
  mongo.MongoServerClosedError,
  mongo.MongoOperationTimeoutError,
];

/** The same by name, for errors made by another copy of the driver. */
const INFRASTRUCTURE_ERROR_NAMES = [
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoServerSelectionError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
];

/**
 * What to do when a handler fails. A permanent error (invalid data, a bug that will repeat) goes to
 * the dead-letter topic at once; an unavailable store or broker is waited out without counting
 * attempts, since every message would fail the same way and none of them is at fault; anything
 * else is retried with backoff until the attempts run out.
 */
export function decideOnFailure(error: unknown, attempt: number, maxAttempts: number): FailureDecision {
  if (error instanceof AppError && error.permanent) return 'dead-letter';
  if (isInfrastructureFailure(error)) return 'wait-for-infrastructure';
  return attempt >= maxAttempts ? 'dead-letter' : 'retry';
}

export function isInfrastructureFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof AppError && error.code === ErrorCodes.UpstreamUnavailable) return true;
  if (STORE_UNAVAILABLE.some((type) => error instanceof type)) return true;
  if (INFRASTRUCTURE_ERROR_NAMES.includes(error.name)) return true;
  if (error.name.startsWith('KafkaJS')) return true;
  const labels = (error as { errorLabels?: unknown }).errorLabels;
  if (Array.isArray(labels) && labels.includes('RetryableWriteError')) return true;
  return /ECONNREFUSED|ECONNRESET|connection .* closed/i.test(error.message);
}

/** Exponential backoff, capped, with "equal jitter": between half the ceiling and the ceiling. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

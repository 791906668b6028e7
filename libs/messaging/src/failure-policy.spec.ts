import { ErrorCodes } from '@frontpage/contracts';
import { AppError } from '@frontpage/platform';
import { KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSRequestTimeoutError } from 'kafkajs';
import { mongo } from 'mongoose';
import { backoffDelay, decideOnFailure, isInfrastructureFailure } from './failure-policy';

function named(name: string, message = 'failed'): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const permanent = new AppError(ErrorCodes.MessageInvalid, 'bad data', { permanent: true });
const transient = new AppError(ErrorCodes.HandlerFailed, 'try later');

describe('decideOnFailure', () => {
  it('dead-letters a permanent AppError on the first attempt', () => {
    expect(decideOnFailure(permanent, 1, 5)).toBe('dead-letter');
  });

  it('retries an AppError that is not permanent, like any other error', () => {
    expect(decideOnFailure(transient, 1, 5)).toBe('retry');
    expect(decideOnFailure(transient, 5, 5)).toBe('dead-letter');
  });

  it.each([
    'MongoNetworkError',
    'MongoNetworkTimeoutError',
    'MongoServerSelectionError',
    'MongoNotConnectedError',
    'MongoTopologyClosedError',
    'MongoPoolClearedError',
  ])('waits out %s without ever dead-lettering', (name) => {
    expect(decideOnFailure(named(name), 1, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(named(name), 5, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(named(name), 50, 5)).toBe('wait-for-infrastructure');
  });

  it('recognises the driver errors themselves', () => {
    expect(decideOnFailure(new mongo.MongoNetworkError('connection reset'), 9, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(new mongo.MongoNotConnectedError('not connected'), 1, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(new mongo.MongoServerClosedError(), 9, 5)).toBe('wait-for-infrastructure');
  });

  it('recognises the network errors the driver does not export, by their class', () => {
    // What operations waiting for a connection get when the server monitor times out (found by
    // store-stall.int-spec.ts): its name is in no list, but it is a network error.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { PoolClearedOnNetworkError } = require('mongodb/lib/cmap/errors') as {
      PoolClearedOnNetworkError: new (pool: { address: string }) => Error;
    };
    const error = new PoolClearedOnNetworkError({ address: '127.0.0.1:27017' });
    expect(error.name).toBe('PoolClearedOnNetworkError');
    expect(decideOnFailure(error, 9, 5)).toBe('wait-for-infrastructure');
  });

  it.each([
    ['KafkaJSConnectionError', new KafkaJSConnectionError('Connection error')],
    ['KafkaJSRequestTimeoutError', new KafkaJSRequestTimeoutError('Request timed out')],
    ['KafkaJSNumberOfRetriesExceeded', new KafkaJSNumberOfRetriesExceeded(new Error('inner'), { retryCount: 5, retryTime: 3000 })],
    ['KafkaJSSomethingNew', named('KafkaJSSomethingNew')],
  ])('waits out a broker failure (%s)', (_name, error) => {
    expect(decideOnFailure(error, 5, 5)).toBe('wait-for-infrastructure');
  });

  it('waits out retryable writes and refused or reset connections', () => {
    expect(decideOnFailure(Object.assign(named('MongoServerError'), { errorLabels: ['RetryableWriteError'] }), 5, 5)).toBe(
      'wait-for-infrastructure',
    );
    expect(decideOnFailure(new Error('connect ECONNREFUSED 127.0.0.1:27017'), 5, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(new Error('read ECONNRESET'), 5, 5)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(new Error('connection 4 to 127.0.0.1:27017 closed'), 5, 5)).toBe('wait-for-infrastructure');
  });

  it('retries an ordinary error until the attempts run out, then dead-letters it', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'slug')");
    expect([1, 2, 3, 4, 5, 6].map((attempt) => decideOnFailure(error, attempt, 5))).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
      'dead-letter',
      'dead-letter',
    ]);
  });

  it('dead-letters at once when only one attempt is allowed', () => {
    expect(decideOnFailure(new Error('boom'), 1, 1)).toBe('dead-letter');
  });

  it('treats a thrown non-Error as an ordinary failure', () => {
    expect(decideOnFailure('a string', 1, 3)).toBe('retry');
    expect(decideOnFailure({ name: 'MongoNetworkError' }, 1, 3)).toBe('retry');
    expect(decideOnFailure(undefined, 3, 3)).toBe('dead-letter');
  });
});

describe('isInfrastructureFailure', () => {
  it('does not count a MongoServerError without a retryable label, or a validation error', () => {
    expect(isInfrastructureFailure(Object.assign(named('MongoServerError', 'E11000 duplicate key'), { errorLabels: [] }))).toBe(false);
    expect(isInfrastructureFailure(permanent)).toBe(false);
    expect(isInfrastructureFailure(new Error('slug must match pattern'))).toBe(false);
  });
});

describe('backoffDelay', () => {
  const never = () => 0;
  const always = () => 0.999999;

  it('doubles the ceiling with each attempt, from the base', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 100, 10_000, always))).toEqual([100, 200, 400, 800]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, 100, 10_000, never))).toEqual([50, 100, 200, 400]);
  });

  it('never exceeds the maximum, however many attempts', () => {
    expect(backoffDelay(30, 100, 5000, always)).toBe(5000);
    expect(backoffDelay(1000, 100, 5000, always)).toBe(5000);
    expect(backoffDelay(1000, 100, 5000, never)).toBe(2500);
  });

  it('treats attempt 0 or below like the first attempt', () => {
    expect(backoffDelay(0, 100, 5000, always)).toBe(100);
    expect(backoffDelay(-3, 100, 5000, never)).toBe(50);
  });

  it('stays between half the ceiling and the ceiling for any random value', () => {
    for (const random of [0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999999]) {
      for (let attempt = 1; attempt <= 10; attempt++) {
        const ceiling = Math.min(5000, 100 * 2 ** (attempt - 1));
        const delay = backoffDelay(attempt, 100, 5000, () => random);
        expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
        expect(delay).toBeLessThanOrEqual(ceiling);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });

  it('spreads the delay with the random value', () => {
    expect(backoffDelay(3, 100, 5000, () => 0.5)).toBe(300);
  });
});

describe('a broker that does not accept a message', () => {
  it('is waited out, not dead-lettered, whatever the attempt', () => {
    const unavailable = new AppError(ErrorCodes.UpstreamUnavailable, 'Kafka did not accept the message', { httpStatus: 503 });
    expect(decideOnFailure(unavailable, 1, 3)).toBe('wait-for-infrastructure');
    expect(decideOnFailure(unavailable, 99, 3)).toBe('wait-for-infrastructure');
  });
});

import { fixKafkajsIdleTimers } from './kafkajs-idle-timer-fix';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- kafkajs's internal class, as the fix reaches it
const RequestQueue = require('kafkajs/src/network/requestQueue') as new (options: object) => {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  scheduleCheckPendingRequests(): void;
  checkPendingRequests(): void;
  destroy(): void;
};

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function queue() {
  return new RequestQueue({
    maxInFlightRequests: 1,
    requestTimeout: 1000,
    enforceRequestTimeout: false,
    clientId: 'test',
    broker: 'b:9092',
    logger: silent,
  });
}

describe('fixKafkajsIdleTimers', () => {
  afterEach(() => jest.useRealTimers());

  it('is for the kafkajs version in use', () => {
    expect(fixKafkajsIdleTimers()).toBe(true);
  });

  it('leaves an idle request queue without a timer, where kafkajs 2.2.4 re-arms one every millisecond', () => {
    fixKafkajsIdleTimers();
    jest.useFakeTimers();
    const idle = queue();
    const checks = jest.spyOn(idle, 'checkPendingRequests');
    idle.checkPendingRequests();
    jest.advanceTimersByTime(1000);
    expect(idle.throttleCheckTimeoutId).toBeNull();
    expect(checks).toHaveBeenCalledTimes(1);
    idle.destroy();
  });

  it('still checks a waiting request again: after the throttle ends, or after a short pause', () => {
    fixKafkajsIdleTimers();
    jest.useFakeTimers({ now: 1_000_000 });
    const throttled = queue();
    throttled.pending.push({});
    throttled.throttledUntil = 1_000_500;
    const checks = jest.spyOn(throttled, 'checkPendingRequests').mockImplementation(() => undefined);
    throttled.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(499);
    expect(checks).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(checks).toHaveBeenCalledTimes(1);

    const busy = queue();
    busy.pending.push({});
    const busyChecks = jest.spyOn(busy, 'checkPendingRequests').mockImplementation(() => undefined);
    busy.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(10);
    expect(busyChecks).toHaveBeenCalledTimes(1);
    throttled.destroy();
    busy.destroy();
  });
});

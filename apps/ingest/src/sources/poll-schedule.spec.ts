import { healthAfter, secondsUntilNextPoll } from './poll-schedule';

const policy = { failureThreshold: 3, maxBackoffSeconds: 600 };

describe('poll schedule', () => {
  it('waits the interval after a success and doubles the wait with each consecutive failure, up to the cap', () => {
    expect(secondsUntilNextPoll(60, 0, policy)).toBe(60);
    expect([1, 2, 3, 4, 5].map((failures) => secondsUntilNextPoll(60, failures, policy))).toEqual([120, 240, 480, 600, 600]);
    expect(secondsUntilNextPoll(60, 1000, policy)).toBe(600);
  });

  it('never waits less than the interval, even when the cap is lower', () => {
    expect(secondsUntilNextPoll(3600, 2, policy)).toBe(3600);
  });

  it("honours the server's Retry-After within the cap", () => {
    expect(secondsUntilNextPoll(60, 1, policy, 300)).toBe(300);
    expect(secondsUntilNextPoll(60, 1, policy, 10)).toBe(120);
    expect(secondsUntilNextPoll(60, 1, policy, 86_400)).toBe(600);
  });

  it('is unhealthy from the threshold on', () => {
    expect([0, 1, 2, 3, 4].map((failures) => healthAfter(failures, policy))).toEqual([
      'healthy',
      'healthy',
      'healthy',
      'unhealthy',
      'unhealthy',
    ]);
  });
});

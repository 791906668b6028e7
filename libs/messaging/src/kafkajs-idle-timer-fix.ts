/**
 * kafkajs 2.2.4 keeps every broker connection's request queue busy while it has nothing to send: its
 * `scheduleCheckPendingRequests` arms a timer even when no request is pending, with a negative delay
 * (the throttle deadline, -1, minus now), so the check runs again about every millisecond for as long
 * as the connection lives (upstream issues tulios/kafkajs#1556 and #1704; the fix proposed in #1667
 * was never released, and the project is no longer maintained). A CPU profile of an idle gateway put
 * a third of its time in that loop and its timers.
 *
 * The replacement arms the timer only when a request waits (a throttled broker, or too many in
 * flight), exactly as the original does then; with nothing pending there is nothing to check, and a
 * request queued later arms its own (`push` calls this). Applied once per process, to the pinned
 * version only: another version is left as it is.
 */

/** The few members of kafkajs's internal RequestQueue this touches. */
interface RequestQueueInternals {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

/** kafkajs's own pause before looking again at requests held back by too many in flight. */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

const PATCHED_VERSION = '2.2.4';

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilThrottleEnds = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilThrottleEnds > 0 ? untilThrottleEnds : CHECK_PENDING_REQUESTS_INTERVAL_MS,
  );
}

/** Installs the fix; returns whether this kafkajs is the version it is for (then it is installed). */
export function fixKafkajsIdleTimers(): boolean {
  /* eslint-disable @typescript-eslint/no-require-imports -- kafkajs exports neither its version nor this class */
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== PATCHED_VERSION) return false;
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  /* eslint-enable @typescript-eslint/no-require-imports */
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}

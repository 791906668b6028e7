export interface EventuallyOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `check` until it stops throwing (and returns its result), or fails with the last error once
 * the time is up. Tests wait for conditions with this, never with fixed sleeps.
 */
export async function eventually<T>(check: () => T | Promise<T>, options: EventuallyOptions = {}): Promise<T> {
  const { timeoutMs = 20_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  if (lastError instanceof Error) {
    lastError.message = `still failing after ${timeoutMs} ms: ${lastError.message}`;
    throw lastError;
  }
  throw new Error(`still failing after ${timeoutMs} ms: ${String(lastError)}`);
}

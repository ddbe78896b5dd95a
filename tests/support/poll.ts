import { setTimeout as delay } from 'node:timers/promises';

/**
 * Polls `read` until `done` holds for its value, or fails after `timeoutMs`. Its pauses use Node's
 * own timers, so it keeps working in a test that fakes the global setTimeout (vi.useFakeTimers).
 */
export async function pollUntil<T>(read: () => Promise<T>, done: (v: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await delay(50);
  }
}

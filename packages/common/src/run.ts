import { ConfigError } from './config.js';

/** What a main.ts runs: `stopTimeoutMs` bounds its stop (SHUTDOWN_TIMEOUT_MS; 25 s when not given). */
export interface Stoppable {
  stop(): Promise<void>;
  stopTimeoutMs?: number;
}

/**
 * The body of every service's main.ts: start, then on SIGTERM/SIGINT stop gracefully (a second
 * signal, or a stop that outlasts its bound, forces exit). A configuration error prints every
 * problem and exits 1.
 */
export async function runUntilSignal(name: string, start: () => Promise<Stoppable>): Promise<void> {
  let service: Stoppable;
  try {
    service = await start();
  } catch (err) {
    // A configuration error is the operator's to fix: the list alone, no stack trace.
    if (err instanceof ConfigError) console.error(`${configLabel(name)}: ${err.message}`);
    else console.error(`[${name}] failed to start:`, err);
    process.exit(1);
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.error(`[${name}] ${signal}: shutting down`);
    const timeoutMs = service.stopTimeoutMs ?? 25_000;
    // Whatever is still held then (a locked job, an undelivered callback) is taken over by
    // another process once its lock lapses: exiting is safe, only slower to recover from.
    setTimeout(() => {
      console.error(`[${name}] not stopped within ${timeoutMs} ms: exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    service.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`[${name}] error while stopping:`, err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

/** `mjq` for the whole stack, `mjq api` (…) for one service of it. */
function configLabel(name: string): string {
  return name === 'mjq' ? 'mjq' : `mjq ${name}`;
}

/** One step of a service's teardown: stops a part if it was started (`parts` holds what was). */
export type StopStep<Parts> = (parts: Partial<Parts>) => unknown;

/**
 * A service's one teardown, for a stop and for a start that failed half way: every step in
 * order, each skipping what was never started.
 */
export function teardown<Parts>(steps: StopStep<Parts>[]): (parts: Partial<Parts>) => Promise<void> {
  return async (parts) => {
    for (const stop of steps) await stop(parts);
  };
}

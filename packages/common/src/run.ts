import { ConfigError } from './config.js';

/**
 * The body of every service's main.ts: start, then on SIGTERM/SIGINT stop gracefully (a second
 * signal forces exit). A configuration error prints every problem and exits 1.
 */
export async function runUntilSignal(name: string, start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  let service: { stop(): Promise<void> };
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

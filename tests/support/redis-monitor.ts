import { Redis } from 'ioredis';

/**
 * Resolves when Redis runs a command matching `match` (MONITOR: what a service really did, in the
 * order Redis ran it), then closes the monitor. Armed before the test acts, so nothing is missed.
 */
export async function commandSeen(redisUrl: string, match: (args: string[]) => boolean): Promise<{ seen: Promise<void>; stop: () => void }> {
  const client = new Redis(redisUrl, { lazyConnect: true });
  const monitor = await client.monitor();
  const stop = () => {
    monitor.disconnect();
    client.disconnect();
  };
  const seen = new Promise<void>((resolve) =>
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (!match(args)) return;
      stop();
      resolve();
    }),
  );
  return { seen, stop };
}

/** `ZSCORE <key> <member>`: a check whether `member` is in the sorted set. */
export const zscoreOf = (key: string, member: string) => (args: string[]) => args[0]?.toLowerCase() === 'zscore' && args[1] === key && args[2] === member;

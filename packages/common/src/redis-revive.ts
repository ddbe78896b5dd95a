import type { Redis } from 'ioredis';

/** How long an ended connection waits before it connects again (ms); the connect's own retries follow. */
export const REVIVE_AFTER_MS = 500;

/**
 * Connects a connection again when ioredis ended it on its own. ioredis ends a connection for
 * good (status `end`: every command then fails with "Connection is closed.") when its connector
 * is closed under a connect that is still looking for the server — which is what a Sentinel
 * failover does: the failover detector of the connection to the old primary hears +switch-master
 * and closes the connector while the reconnect is still asking the sentinels (redis/ioredis#1683).
 * One API replica then answered 503 for good after a failover while everything else moved on.
 *
 * Only an end nobody asked for is undone: `quit()` and `disconnect()` (BullMQ's close, our
 * teardowns) stay closed.
 */
export function reviveWhenEnded(redis: Redis, afterMs = REVIVE_AFTER_MS): Redis {
  let closing = false;
  const quit = redis.quit.bind(redis);
  redis.quit = ((...args: Parameters<Redis['quit']>) => {
    closing = true;
    return quit(...args);
  }) as Redis['quit'];
  const disconnect = redis.disconnect.bind(redis);
  // disconnect(true) is ioredis's own reconnect (reconnectOnError): not a close.
  redis.disconnect = (reconnect = false) => {
    if (!reconnect) closing = true;
    return disconnect(reconnect);
  };
  redis.on('end', () => {
    if (closing) return;
    const timer = setTimeout(() => {
      // A connect that fails ends the connection again, and this runs again.
      if (!closing && redis.status === 'end') redis.connect().catch(() => undefined);
    }, afterMs);
    timer.unref();
  });
  return redis;
}

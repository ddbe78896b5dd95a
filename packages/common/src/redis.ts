import { Redis, type RedisOptions } from 'ioredis';

/**
 * `worker`: long-lived connections for BullMQ workers (BullMQ requires maxRetriesPerRequest null).
 * `request`: connections on a request path fail fast instead of queueing commands while Redis is
 * down, so that an API call answers 503 at once rather than hanging.
 */
export type RedisRole = 'worker' | 'request';

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const common: RedisOptions = { connectTimeout: 2000, lazyConnect: false, ...extra };
  if (role === 'worker') return new Redis(url, { ...common, maxRetriesPerRequest: null });
  return new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Bounds a hung (connected but silent) Redis; a disconnected one is refused at once above.
    commandTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  });
}

/** Resolves once the connection is ready, or rejects after `timeoutMs`. */
export async function waitForRedis(redis: Redis, timeoutMs = 5000): Promise<void> {
  if (redis.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis not ready after ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off('ready', onReady);
    };
    redis.on('ready', onReady);
  });
}

import { Redis, type RedisOptions } from 'ioredis';
import { metrics } from './metrics.js';

/**
 * `worker`: long-lived connections for BullMQ workers (BullMQ requires maxRetriesPerRequest null).
 * `request`: connections on a request path fail fast instead of queueing commands while Redis is
 * down, so that an API call answers 503 at once rather than hanging.
 */
export type RedisRole = 'worker' | 'request';

export function createRedis(url: string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const common: RedisOptions = { connectTimeout: 2000, lazyConnect: false, ...extra };
  if (role === 'worker') return countErrors(new Redis(url, { ...common, maxRetriesPerRequest: null }));
  return countErrors(new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Bounds a hung (connected but silent) Redis; a disconnected one is refused at once above.
    commandTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  }));
}

/**
 * Counts the connection's failed commands and connection errors (mjq_redis_*): every command
 * goes through sendCommand. NOSCRIPT is left out: it is ioredis's normal first answer after a
 * SCRIPT FLUSH or a failover, followed by an EVAL that carries the script.
 */
function countErrors(redis: Redis): Redis {
  redis.on('error', () => metrics.redisConnectionErrors.inc());
  const send = redis.sendCommand.bind(redis);
  redis.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    const [command] = args;
    const sent = send(...args);
    command.promise.catch((err: Error) => {
      if (!err?.message?.startsWith('NOSCRIPT')) metrics.redisCommandErrors.inc({ command: command.name });
    });
    return sent;
  }) as Redis['sendCommand'];
  return redis;
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

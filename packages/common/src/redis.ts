import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { metrics } from './metrics.js';
import { planRedis, type RedisRole, type RedisTarget } from './redis-plan.js';
import { reviveWhenEnded } from './redis-revive.js';

export { parseHostPort, planRedis, type HostPort, type RedisPlan, type RedisRole, type RedisTarget } from './redis-plan.js';

/**
 * Every Redis connection mjq makes (services, queues, workers, subscribers) comes from here, so
 * that each one follows REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES alike.
 *
 * A Cluster is typed as a `Redis`: it takes the same commands (every key mjq uses shares one hash
 * tag, so scripts and MULTI stay on one node), BullMQ accepts either, and the rest of mjq never
 * needs to know which it holds. Code that must tell them apart uses `isRedisConnection`.
 */
export function createRedis(target: RedisTarget | string, role: RedisRole, extra: RedisOptions = {}): Redis {
  const plan = planRedis(typeof target === 'string' ? { url: target } : target, role, extra);
  if (plan.kind === 'cluster') {
    const cluster = new Cluster(plan.nodes, plan.options);
    cluster.on('error', () => metrics.redisConnectionErrors.inc());
    return cluster as unknown as Redis;
  }
  // A Cluster reconnects its nodes itself; a single connection may be ended by ioredis for good.
  if (plan.kind === 'sentinel') return managed(new Redis(plan.options));
  return managed(new Redis(plan.url, plan.options));
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

/** Counted and revived, as are the copies BullMQ makes of it for its blocking reads (`duplicate`). */
function managed(redis: Redis): Redis {
  reviveWhenEnded(countErrors(redis));
  const duplicate = redis.duplicate.bind(redis);
  redis.duplicate = ((...args: Parameters<Redis['duplicate']>) => managed(duplicate(...args))) as Redis['duplicate'];
  return redis;
}

/** An ioredis connection, single-server or cluster (BullMQ's `opts.connection` may be either). */
export function isRedisConnection(value: unknown): value is Redis {
  return value instanceof Redis || value instanceof Cluster;
}

/**
 * The connection `client` uses for `key`: the client itself, or on a Cluster its connection to
 * the primary serving the key's slot. For node-local commands that must meet that connection:
 * CLIENT ID of a connection blocked in XREAD, and the CLIENT UNBLOCK aimed at it.
 */
export async function connectionForKey(client: Redis, key: string): Promise<Redis> {
  const cluster = client as unknown;
  if (!(cluster instanceof Cluster)) return client;
  const slot = Number(await cluster.call('CLUSTER', 'KEYSLOT', key));
  const nodeKey = cluster.slots[slot]?.[0];
  const node = cluster.nodes('master').find((n) => `${n.options.host}:${n.options.port}` === nodeKey);
  if (!node) throw new Error(`no connected primary serves slot ${slot} yet`);
  return node;
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

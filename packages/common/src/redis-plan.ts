import type { ClusterOptions, RedisOptions } from 'ioredis';

/**
 * Which Redis mjq talks to, and how: one server (REDIS_URL), a Sentinel-managed primary
 * (REDIS_SENTINELS + REDIS_SENTINEL_NAME) or a Redis Cluster (REDIS_CLUSTER_NODES). With
 * sentinels or cluster nodes, REDIS_URL still gives the credentials, database and TLS (rediss:).
 */
export interface RedisTarget {
  url: string;
  sentinels?: HostPort[];
  sentinelName?: string;
  sentinelPassword?: string;
  clusterNodes?: HostPort[];
}

export interface HostPort {
  host: string;
  port: number;
}

/**
 * `worker`: long-lived connections for BullMQ workers and subscribers (BullMQ requires
 * maxRetriesPerRequest null: a command waits out a reconnect or a failover instead of failing).
 * `request`: connections on a request path fail fast instead of queueing commands while Redis is
 * down, so that an API call answers 503 at once rather than hanging.
 */
export type RedisRole = 'worker' | 'request';

export type RedisPlan =
  | { kind: 'standalone'; url: string; options: RedisOptions }
  | { kind: 'sentinel'; options: RedisOptions }
  | { kind: 'cluster'; nodes: HostPort[]; options: ClusterOptions };

/** `host:port`, `[v6]:port`; the port is required (no silent default for a sentinel's 26379). */
export function parseHostPort(text: string): HostPort | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:\s[\]]+)):(\d{1,5})$/.exec(text.trim());
  const port = Number(match?.[3]);
  if (!match || port < 1 || port > 65_535) return undefined;
  return { host: match[1] ?? match[2]!, port };
}

function roleOptions(role: RedisRole): RedisOptions {
  if (role === 'worker') return { maxRetriesPerRequest: null };
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    // Bounds a hung (connected but silent) Redis; a disconnected one is refused at once above.
    commandTimeout: 5000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

/** Credentials, database and TLS of REDIS_URL, without its host and port. */
function urlOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = Number(u.pathname.replace(/^\//, '') || 0);
  return {
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db ? { db } : {}),
    ...(u.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/**
 * After a failover a connection may still reach the demoted primary, now a replica: its writes
 * fail with READONLY. Reconnect (re-asking the sentinels or the cluster) and resend the command.
 */
const reconnectOnReadonly = (err: Error) => (err.message.startsWith('READONLY') ? 2 : false);

export function planRedis(target: RedisTarget, role: RedisRole, extra: RedisOptions = {}): RedisPlan {
  const common: RedisOptions = { connectTimeout: 2000, lazyConnect: false, ...roleOptions(role), ...extra };
  if (target.clusterNodes?.length) {
    const { enableOfflineQueue, retryStrategy: _perNode, ...perNode } = common;
    return {
      kind: 'cluster',
      nodes: target.clusterNodes,
      options: {
        // Offline queueing is the cluster's, not each node's.
        enableOfflineQueue: enableOfflineQueue ?? true,
        clusterRetryStrategy: (times) => Math.min(times * 200, 2000),
        redisOptions: { ...perNode, ...urlOptions(target.url), reconnectOnError: reconnectOnReadonly },
      },
    };
  }
  if (target.sentinels?.length) {
    return {
      kind: 'sentinel',
      options: {
        ...common,
        ...urlOptions(target.url),
        sentinels: target.sentinels,
        name: target.sentinelName ?? 'mymaster',
        ...(target.sentinelPassword ? { sentinelPassword: target.sentinelPassword } : {}),
        // Learn of a failover from the sentinels' +switch-master at once, not at the next error.
        failoverDetector: true,
        reconnectOnError: reconnectOnReadonly,
      },
    };
  }
  return { kind: 'standalone', url: target.url, options: common };
}

import { z } from 'zod';
import { parseHostPort, type HostPort, type RedisTarget } from './redis-plan.js';

/** The Redis high-availability variables of the environment schema (config.ts spreads them in). */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** `host:port,host:port`, each entry checked. */
const hostPorts = z.preprocess(
  (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v ?? []),
  z.array(z.string()).superRefine((list, ctx) => {
    list.forEach((item, index) => {
      if (!parseHostPort(item)) ctx.addIssue({ code: 'custom', path: [index], message: 'must be host:port' });
    });
  }),
);

export const redisEnvFields = {
  /** Sentinels watching mjq's Redis (host:port,…): the primary is asked of them, and followed on failover. */
  REDIS_SENTINELS: hostPorts,
  /** The primary's name in the sentinels' configuration (`sentinel monitor <name> …`). */
  REDIS_SENTINEL_NAME: z.preprocess(emptyToUndefined, z.string().default('mymaster')),
  REDIS_SENTINEL_PASSWORD: z.preprocess(emptyToUndefined, z.string().optional()),
  /** Redis Cluster seed nodes (host:port,…); the rest of the cluster is discovered from them. */
  REDIS_CLUSTER_NODES: hostPorts,
};

type RedisEnv = z.infer<z.ZodObject<typeof redisEnvFields>>;

export function redisTopology(e: RedisEnv): Omit<RedisTarget, 'url'> {
  const list = (items: string[]) => items.map((s) => parseHostPort(s) as HostPort);
  return {
    sentinels: list(e.REDIS_SENTINELS),
    sentinelName: e.REDIS_SENTINEL_NAME,
    sentinelPassword: e.REDIS_SENTINEL_PASSWORD,
    clusterNodes: list(e.REDIS_CLUSTER_NODES),
  };
}

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { isRedisConnection } from './redis.js';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * Per-task delivery order of callbacks without a global bottleneck: the callback worker runs many
 * deliveries at once, but a task's callbacks go one at a time, in revision order. Each task has
 * a sorted set of its unsettled callback jobs scored by revision; a job runs only when it is the
 * head (lowest revision) of its task. So a slow or dead receiver holds back only its own tasks.
 */
export interface OrderHead {
  jobId: string;
  revision: number;
}

/** Outlives the longest retry schedule; the set is emptied as jobs settle anyway. */
const ORDER_TTL_S = 7 * 24 * 3600;

/** The Redis connection and mjq keys of a callback queue: same Redis, same hash tag. */
export function queueRedis(queue: Queue): { redis: Redis; keys: RedisKeys } {
  const connection = queue.opts.connection;
  if (!isRedisConnection(connection)) throw new Error('the callback queue must be given an ioredis connection');
  // BullMQ's prefix is mjq's hash tag `{prefix}` (keys.ts: bullPrefix).
  const prefix = (queue.opts.prefix ?? '{mjq}').replace(/^\{(.*)\}$/, '$1');
  return { redis: connection, keys: redisKeys(prefix) };
}

export class CallbackOrder {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** The order index of a callback queue: same Redis, same hash tag as the queue's own keys. */
  static forQueue(queue: Queue): CallbackOrder {
    const { redis, keys } = queueRedis(queue);
    return new CallbackOrder(redis, keys);
  }

  /** Records a job before it is enqueued, so that a later job of the task never overtakes it. */
  async enlist(taskId: string, revision: number, jobId: string): Promise<void> {
    const key = this.keys.callbackOrder(taskId);
    await this.redis.multi().zadd(key, String(revision), jobId).expire(key, ORDER_TTL_S).exec();
  }

  async head(taskId: string): Promise<OrderHead | undefined> {
    const [jobId, score] = await this.redis.zrange(this.keys.callbackOrder(taskId), 0, '0', 'WITHSCORES');
    return jobId === undefined ? undefined : { jobId, revision: Number(score) };
  }

  /** Delivered, coalesced or given up: the job no longer holds back the task's later callbacks. */
  async settle(taskId: string, jobId: string): Promise<void> {
    await this.redis.zrem(this.keys.callbackOrder(taskId), jobId);
  }

  /**
   * The task's current revision (task hash field `_rev`, written by the store's Lua); Infinity
   * once the task is finished and compacted (no change comes after its terminal one).
   */
  async taskRevision(taskId: string): Promise<number | undefined> {
    const replies = (await this.redis.multi().hget(this.keys.task(taskId), '_rev').exists(this.keys.finishedTask(taskId)).exec()) ?? [];
    const [rev, finished] = replies.map(([, value]) => value) as [string | null, number];
    return rev !== null ? Number(rev) : finished ? Number.POSITIVE_INFINITY : undefined;
  }
}

import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { queueRedis } from './callback-queue.js';
import type { RedisKeys } from './keys.js';

export interface OutboxEntry {
  taskId: string;
  revision: number;
}

/**
 * Applied changes whose callback is not enqueued yet. The store's Lua adds an entry with every
 * change a callback reports, in the same step as the change; the publisher removes it once the
 * job is enqueued. An entry that stays (its publisher crashed in between) is found by the relay,
 * which enqueues the callback from the task's event stream: a change is never without its callback.
 */
export class CallbackOutbox {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  static forQueue(queue: Queue): CallbackOutbox {
    const { redis, keys } = queueRedis(queue);
    return new CallbackOutbox(redis, keys);
  }

  async done(taskId: string, revision: number): Promise<void> {
    await this.redis.zrem(this.keys.callbackOutbox(), `${taskId}:${revision}`);
  }

  /** Entries older than `graceMs`: their publisher had ample time and did not finish. */
  async overdue(graceMs: number, limit = 100, now = Date.now()): Promise<OutboxEntry[]> {
    const members = await this.redis.zrangebyscore(this.keys.callbackOutbox(), '-inf', now - graceMs, 'LIMIT', 0, limit);
    return members.flatMap((m) => {
      const [taskId, revision] = m.split(':');
      return taskId && revision ? [{ taskId, revision: Number(revision) }] : [];
    });
  }

  async size(): Promise<number> {
    return this.redis.zcard(this.keys.callbackOutbox());
  }
}

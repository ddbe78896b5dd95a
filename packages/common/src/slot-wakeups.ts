import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * Wakes trigger jobs that wait for a slot as soon as one frees, instead of letting them poll.
 * A job with no slot parks itself (delayed) under each account it could run on; the task store
 * publishes an account's id when it frees one of its slots, and one dispatcher pops the oldest
 * job parked there and promotes it. Entries of jobs that ran meanwhile are skipped; the delayed
 * job's own timer stays as the fallback for a wake-up that never comes (a lease that lapsed).
 */
export class SlotWakeups {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix);
  }

  /** The pub/sub channel the task store publishes freed accounts on. */
  get channel(): string {
    return this.keys.slotFreed();
  }

  /** Keeps its place when already parked (NX): the oldest waiter is woken first. */
  async park(jobId: string, accountIds: string[], now = Date.now()): Promise<void> {
    // Each account's waiters are apart: a pipeline, not a transaction (MULTI/EXEC cost two commands).
    const pipeline = this.redis.pipeline();
    for (const id of accountIds) pipeline.zadd(this.keys.slotWaiters(id), 'NX', now, jobId);
    await pipeline.exec();
  }

  async unpark(jobId: string, accountIds: string[]): Promise<void> {
    const pipeline = this.redis.pipeline();
    for (const id of accountIds) pipeline.zrem(this.keys.slotWaiters(id), jobId);
    await pipeline.exec();
  }

  /**
   * Pops waiters of the account, oldest first, until `promote` succeeds for one (a popped job
   * that already ran cannot be promoted). Every dispatcher hears the message; ZPOPMIN is atomic,
   * so each waiter is woken once. Returns the job woken, if any.
   */
  async wakeOne(accountId: string, promote: (jobId: string) => Promise<boolean>, maxTries = 5): Promise<string | undefined> {
    for (let i = 0; i < maxTries; i++) {
      const [jobId] = await this.redis.zpopmin(this.keys.slotWaiters(accountId));
      if (jobId === undefined) return undefined;
      if (await promote(jobId)) return jobId;
    }
    return undefined;
  }
}

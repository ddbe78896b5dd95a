import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';
import { RESULT_COPY_LEASE_MS } from './result-files.js';

/**
 * Result copies under way. A SUCCESS is stored with mjq's lasting image URL before the files are
 * copied from Discord's CDN; until they land, the task stays in one sorted set scored by its
 * copier's lease deadline. That one entry is what the image route asks ("is a copy coming?")
 * and what a sweep takes over when a listener dies mid-copy: two commands per task (the ZADD
 * inside update-task.lua with the SUCCESS, the ZREM).
 */
export class ResultCopies {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    readonly leaseMs = RESULT_COPY_LEASE_MS,
  ) {
    this.keys = redisKeys(prefix);
  }

  /**
   * Owes a copy outside a change — only tests stage one this way (an entry a dead copier left).
   * The listener's copies are owed by the SUCCESS itself, in the same step (`resultCopyUntil` of
   * TaskStore.apply): never a SUCCESS whose copy nobody owes, and no entry from a replica that
   * lost the race to store it.
   */
  async begin(taskId: string, now = Date.now()): Promise<void> {
    await this.redis.zadd(this.keys.resultCopies(), now + this.leaseMs, taskId);
  }

  /** The copy landed, or failed for good: the image route stops waiting for it. */
  async end(taskId: string): Promise<void> {
    await this.redis.zrem(this.keys.resultCopies(), taskId);
  }

  /** Whether a copy of the task's result is still to come (its lease may have run out: the sweep will take it). */
  async pending(taskId: string): Promise<boolean> {
    return (await this.redis.zscore(this.keys.resultCopies(), taskId)) !== null;
  }

  /** Copies whose lease ran out by `now`. */
  async due(now = Date.now(), limit = 50): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.resultCopies(), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Takes a due copy over (claim-result-copy-1.lua): true for one of several concurrent callers. */
  async claim(taskId: string, now = Date.now()): Promise<boolean> {
    return (await runScript(this.redis, 'claim-result-copy-1.lua', [this.keys.resultCopies()], [taskId, String(now), String(now + this.leaseMs)])) === 1;
  }
}

import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * Per-account job slots: a sorted set per account, member = task id, score = lease expiry.
 * Taking a slot is one Lua script over every candidate account (all keys share one hash tag), so
 * two dispatchers can never overbook an account. Expired leases (a holder that died) are swept
 * on every acquire; the task store releases a task's slot atomically when the task ends.
 */
const ACQUIRE = `
local now = tonumber(ARGV[1])
local expiry = now + tonumber(ARGV[2])
local task = ARGV[3]
local n = (#ARGV - 3) / 2
for i = 0, n - 1 do
  local key = ARGV[4] .. ARGV[4 + 2 * i + 1]
  if redis.call('ZSCORE', key, task) then
    redis.call('ZADD', key, expiry, task)
    return ARGV[4 + 2 * i + 1]
  end
end
local best, bestUsed = nil, nil
for i = 0, n - 1 do
  local id = ARGV[4 + 2 * i + 1]
  local key = ARGV[4] .. id
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local used = redis.call('ZCARD', key)
  if used < tonumber(ARGV[4 + 2 * i + 2]) and (bestUsed == nil or used < bestUsed) then
    best, bestUsed = id, used
  end
end
if best then redis.call('ZADD', ARGV[4] .. best, expiry, task) end
return best
`;

export interface SlotCandidate {
  id: string;
  concurrency: number;
}

export class SlotPool {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix);
  }

  /**
   * Takes a slot for `taskId` on the least busy candidate with room, or returns the account that
   * already holds it (a retried job keeps its slot). Undefined when every candidate is full.
   */
  async acquire(taskId: string, candidates: SlotCandidate[], leaseMs: number, now = Date.now()): Promise<string | undefined> {
    if (!candidates.length) return undefined;
    const args = candidates.flatMap((c) => [c.id, String(c.concurrency)]);
    const id = (await this.redis.eval(ACQUIRE, 0, String(now), String(leaseMs), taskId, this.keys.slots(''), ...args)) as string | null;
    return id ?? undefined;
  }

  async release(accountId: string, taskId: string): Promise<void> {
    await this.redis.zrem(this.keys.slots(accountId), taskId);
  }

  /** Extends the lease of a task that shows signs of life. */
  async renew(accountId: string, taskId: string, leaseMs: number, now = Date.now()): Promise<void> {
    await this.redis.zadd(this.keys.slots(accountId), 'XX', now + leaseMs, taskId);
  }

  /** Slots held (unexpired leases) on an account. */
  async inUse(accountId: string, now = Date.now()): Promise<number> {
    return this.redis.zcount(this.keys.slots(accountId), `(${now}`, '+inf');
  }
}

import type { Redis } from 'ioredis';
import { redisKeys } from '@mjq/common';

export interface SlotCandidate {
  id: string;
  concurrency: number;
}

/**
 * Takes a slot for a task the way claim-send.lua does, without its check that the task is due:
 * for tests that need a task to hold a slot. The slot a task already holds is renewed; else the
 * least busy candidate with room gets it, after expired leases are swept. Undefined when every
 * candidate is full. Not atomic: tests call it one at a time (claim-send.lua is the real thing).
 */
export async function takeSlot(
  redis: Redis,
  prefix: string,
  taskId: string,
  candidates: SlotCandidate[],
  leaseMs: number,
  now = Date.now(),
): Promise<string | undefined> {
  const keys = redisKeys(prefix);
  const expiry = now + leaseMs;
  for (const c of candidates) {
    if ((await redis.zscore(keys.slots(c.id), taskId)) !== null) {
      await redis.zadd(keys.slots(c.id), expiry, taskId);
      return c.id;
    }
  }
  let best: { id: string; used: number } | undefined;
  for (const c of candidates) {
    await redis.zremrangebyscore(keys.slots(c.id), '-inf', now);
    const used = await redis.zcard(keys.slots(c.id));
    if (used < c.concurrency && (!best || used < best.used)) best = { id: c.id, used };
  }
  if (best) await redis.zadd(keys.slots(best.id), expiry, taskId);
  return best?.id;
}

import type { Redis } from 'ioredis';

/** Discord's epoch: our ids look and sort like snowflakes. */
const EPOCH = 1420070400000n;
const SEQ_BITS = 22n;
const SEQ_MASK = (1n << SEQ_BITS) - 1n;

/**
 * A numeric, time-sortable id, unique across replicas: milliseconds since the epoch in the high
 * bits, a Redis-wide counter in the low 22 bits (4M ids per millisecond before a repeat).
 * Returned as a string: a 64-bit number in JSON loses precision in JavaScript clients.
 */
export function composeTaskId(nowMs: number, seq: number): string {
  return (((BigInt(nowMs) - EPOCH) << SEQ_BITS) | (BigInt(seq) & SEQ_MASK)).toString();
}

export async function nextTaskId(redis: Redis, seqKey: string, now = Date.now()): Promise<string> {
  const seq = await redis.incr(seqKey);
  return composeTaskId(now, seq);
}

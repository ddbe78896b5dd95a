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

/** How many ids one reservation of the counter covers, and for how long. */
const BLOCK = 256;
const BLOCK_MS = 1000;

/**
 * Task ids from blocks of the Redis-wide counter: one INCRBY per block rather than an INCR per
 * id. A block is used for a second at most, so two ids can only repeat if 4M ids (the low bits'
 * range) were reserved within that second, as with an INCR per id within one millisecond —
 * neither happens. Ids of one process still grow with time and counter.
 */
export class TaskIds {
  private cursor = 0;
  private end = 0;
  private reservedAt = 0;
  private reserving?: Promise<void>;

  constructor(
    private readonly redis: Redis,
    private readonly seqKey: string,
  ) {}

  async next(): Promise<string> {
    for (;;) {
      const now = Date.now();
      if (this.cursor < this.end && now - this.reservedAt < BLOCK_MS) return composeTaskId(now, this.cursor++);
      this.reserving ??= this.reserve().finally(() => (this.reserving = undefined));
      await this.reserving;
    }
  }

  private async reserve(): Promise<void> {
    const last = await this.redis.incrby(this.seqKey, BLOCK);
    this.reservedAt = Date.now();
    this.cursor = last - BLOCK + 1;
    this.end = last + 1;
  }
}

import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from '@mjq/common';

/**
 * Whether an account may send an interaction now: not while Discord told it to wait (a 429's
 * retry_after, or a bucket with nothing remaining), and never more than `maxPerSecond` per
 * token. Kept in Redis so that every dispatcher replica obeys the same limits.
 */
const TAKE = `
local pause = redis.call('PTTL', KEYS[1])
if pause > 0 then return pause end
local n = redis.call('INCR', KEYS[2])
if n == 1 then redis.call('PEXPIRE', KEYS[2], 2000) end
if n > tonumber(ARGV[1]) then return 1000 - tonumber(ARGV[2]) end
return 0
`;

export class SendGate {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly maxPerSecond: number,
  ) {
    this.keys = redisKeys(prefix);
  }

  /** 0 when the account may send now, else how many ms to wait. */
  async take(accountId: string, now = Date.now()): Promise<number> {
    const second = Math.floor(now / 1000);
    const wait = (await this.redis.eval(
      TAKE,
      2,
      this.keys.accountPause(accountId),
      this.keys.sendWindow(accountId, second),
      String(this.maxPerSecond),
      String(now % 1000),
    )) as number;
    return Math.max(0, wait);
  }

  /** Holds every send of the account for `ms` (never shortens a longer pause already set). */
  async pause(accountId: string, ms: number): Promise<void> {
    const key = this.keys.accountPause(accountId);
    const current = await this.redis.pttl(key);
    if (current < ms) await this.redis.set(key, '1', 'PX', Math.ceil(ms));
  }
}

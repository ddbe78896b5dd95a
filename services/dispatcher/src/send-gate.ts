import type { Redis } from 'ioredis';
import { encodeFields, redisKeys, runScript, type RedisKeys } from '@mjq/common';

/** A person's pace: at least `gapMs` between two interactions of one account, plus up to `jitterMs`. */
export interface HumanPacing {
  gapMs: number;
  jitterMs: number;
  random?: () => number;
}

/** What a send that starts a job records on its task as it is let through (take-send.lua). */
export interface SendRecord {
  taskId: string;
  nonce: string;
  /** How long the nonce's link to the task is kept, seconds (the task's own lifetime). */
  linkTtlS: number;
  /** Fields set on the task with the send: the prompt and nonce it goes with. */
  fields: Record<string, unknown>;
}

/**
 * Whether an account may send an interaction now: not while Discord told it to wait (a 429's
 * retry_after, or a bucket with nothing remaining), not sooner after its last interaction than a
 * person would click (human pacing), and never more than `maxPerSecond` per token. Kept in Redis so that every dispatcher replica obeys the same limits; each check and
 * each pause is one script, so replicas racing each other cannot overbook or shorten a pause.
 */
export class SendGate {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    private readonly maxPerSecond: number,
    private readonly pacing: HumanPacing = { gapMs: 0, jitterMs: 0 },
  ) {
    this.keys = redisKeys(prefix);
  }

  /**
   * 0 when the account may send now, else how many ms to wait. With a record, a send let
   * through is recorded on its task in the same step; a refused one records nothing.
   */
  async take(accountId: string, now = Date.now(), record?: SendRecord): Promise<number> {
    const second = Math.floor(now / 1000);
    const { gapMs, jitterMs, random = Math.random } = this.pacing;
    const gap = gapMs > 0 ? Math.round(gapMs + random() * jitterMs) : 0;
    const keys = [this.keys.accountPause(accountId), this.keys.sendWindow(accountId, second), this.keys.accountPacing(accountId)];
    const args: (string | number)[] = [this.maxPerSecond, now % 1000, gap];
    if (record) {
      keys.push(this.keys.task(record.taskId), this.keys.nonceToTask(record.nonce));
      args.push(record.taskId, record.linkTtlS, ...encodeFields(record.fields));
    }
    const wait = (await runScript(this.redis, 'take-send.lua', keys, args)) as number;
    return Math.max(0, wait);
  }

  /**
   * Holds every send of the account for `ms`, unless a pause that ends later is already set
   * (another replica's longer retry_after must not be cut short). Returns the pause left, in ms.
   */
  async pause(accountId: string, ms: number): Promise<number> {
    const pauseMs = Math.ceil(ms);
    if (!(pauseMs > 0)) return 0;
    return (await runScript(this.redis, 'pause-account-1.lua', [this.keys.accountPause(accountId)], [pauseMs])) as number;
  }
}

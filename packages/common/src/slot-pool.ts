import type { Redis } from 'ioredis';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';
import type { Placement } from './task-placement.js';

export interface SlotCandidate {
  id: string;
  concurrency: number;
}

/** What claiming a task for sending found (claim-send.lua). */
export type SendClaim = { result: 'claimed'; accountId: string; placement: Placement } | { result: 'full' } | { result: 'not_due' };

export interface ClaimRequest {
  taskId: string;
  /** `send`: due while NOT_START; `modal`: due while MODAL with the client's text. */
  kind: 'send' | 'modal';
  candidates: SlotCandidate[];
  /** Waiting sets (admission) the task entered: left once it is claimed. */
  waitingOn?: string[];
  leaseMs: number;
  idleMs: number;
  now?: number;
}

/**
 * Per-account job slots: a sorted set per account, member = task id, score = lease expiry.
 * Taking a slot is one Lua script over every candidate account (all keys share one hash tag), so
 * two dispatchers can never overbook an account. Expired leases (a holder that died) never
 * count, and are swept by the next claim on their account; the task store releases a task's slot
 * atomically when the task ends.
 */
export class SlotPool {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = redisKeys(prefix);
  }

  /**
   * Checks that the task is still due and takes a slot for it, in one step: a cancel is either
   * before (never sent, no slot) or after (counted as sent; its slot waits for the job's end).
   */
  async claim(request: ClaimRequest): Promise<SendClaim> {
    const { taskId, kind, candidates, waitingOn = [], leaseMs, idleMs, now = Date.now() } = request;
    const keys = [this.keys.task(taskId), this.keys.deadlines(), ...candidates.map((c) => this.keys.slots(c.id)), ...waitingOn.map((id) => this.keys.waiting(id))];
    const args = [
      ...[String(now), String(leaseMs), String(idleMs), taskId, kind, String(candidates.length)],
      ...candidates.flatMap((c) => [c.id, String(c.concurrency)]),
      waitingOn.length ? JSON.stringify(waitingOn) : '',
    ];
    const [result, accountId, waitingField] = (await runScript(this.redis, 'claim-send.lua', keys, args)) as [string, string?, string?];
    if (result === 'claimed') return { result, accountId: accountId!, placement: { accountId: accountId!, waitingOn: waitingField ?? '' } };
    return result === 'full' ? { result } : { result: 'not_due' };
  }

  /** Whether any of the accounts has a free slot now (a look, not a claim). */
  async hasRoom(candidates: readonly SlotCandidate[], now = Date.now()): Promise<boolean> {
    const used = await Promise.all(candidates.map((c) => this.inUse(c.id, now)));
    return candidates.some((c, i) => used[i]! < c.concurrency);
  }

  /** Slots held (unexpired leases) on an account. */
  async inUse(accountId: string, now = Date.now()): Promise<number> {
    return this.redis.zcount(this.keys.slots(accountId), `(${now}`, '+inf');
  }
}

import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { runScript } from './lua-scripts.js';
import { callbackJobSchema } from './queues.js';
import { isRedisConnection } from './redis.js';
import { redisKeys, type RedisKeys } from './keys.js';

/**
 * A task's callbacks waiting for delivery, kept per task in Redis, delivered one at a time in
 * revision order by whoever holds the task's lease:
 * - the publisher that records a change's callback claims the lease when nobody holds it and
 *   delivers at once (no queue job, a handful of Redis commands per callback);
 * - a failed delivery hands the lease to a BullMQ retry job (`job:<id>`), so the task's later
 *   callbacks wait behind the retries, and failures stay visible on the dashboard;
 * - the sweep (every listener) takes over tasks nobody is delivering: a deliverer that died
 *   (its lease ran out), a publisher that does not deliver (api, dispatcher), a retry job that
 *   is gone.
 */
export const callbackEntrySchema = callbackJobSchema.extend({
  /** When the callback was recorded, ms: late progress callbacks are coalesced by age. */
  at: z.number().int(),
});
export type CallbackEntry = z.infer<typeof callbackEntrySchema>;

/** A pending callback handed to its deliverer, and how many of the task's are pending with it. */
export interface PendingCallback {
  entry: CallbackEntry;
  pending: number;
}

export type NextCallback = PendingCallback | 'empty' | 'lost';
export type ClaimResult = PendingCallback | 'empty' | { holder: string; leftMs: number };

/** Long enough for the longest delivery; renewed at every callback. */
export const CALLBACK_LEASE_MS = 60_000;
/** A settled task's pending hash stays this long to refuse a late second publish of the same change. */
const SETTLED_MEMORY_S = 3600;
/** Outlives the longest retry schedule. */
const PENDING_TTL_S = 7 * 24 * 3600;

/** The Redis connection and mjq keys of a BullMQ queue: same Redis, same hash tag. */
export function queueRedis(queue: Queue): { redis: Redis; keys: RedisKeys } {
  const connection = queue.opts.connection;
  if (!isRedisConnection(connection)) throw new Error('the callback queue must be given an ioredis connection');
  // BullMQ's prefix is mjq's hash tag `{prefix}` (keys.ts: bullPrefix).
  const prefix = (queue.opts.prefix ?? '{mjq}').replace(/^\{(.*)\}$/, '$1');
  return { redis: connection, keys: redisKeys(prefix) };
}

export class CallbackQueue {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  static forQueue(queue: Queue): CallbackQueue {
    const { redis, keys } = queueRedis(queue);
    return new CallbackQueue(redis, keys);
  }

  static newToken(): string {
    return randomUUID();
  }

  /**
   * Records a callback (clearing its outbox entry in the same step). With a token, claims the
   * task's lease if free and returns the first pending callback to deliver.
   */
  async push(entry: CallbackEntry, outboxMember: string, token: string, now = Date.now()): Promise<PendingCallback | undefined> {
    const { keys } = this;
    const reply = await runScript(
      this.redis,
      'callback-push-4.lua',
      [keys.callbacks(entry.taskId), keys.callbackLease(entry.taskId), keys.callbackDue(), keys.callbackOutbox()],
      [entry.revision, JSON.stringify(entry), outboxMember, token, CALLBACK_LEASE_MS, now, PENDING_TTL_S, entry.taskId],
    );
    return pendingOf(reply as unknown[]);
  }

  /**
   * After a callback delivered at once under the lease its change came with (never recorded):
   * clears its outbox entry and hands back the next pending one, or gives the lease up (keeps
   * it with `keepLease`: the caller has more of the task's to deliver first).
   */
  async settle(taskId: string, token: string, revision: number, outboxMember: string, keepLease = false): Promise<NextCallback> {
    const { keys } = this;
    const reply = (await runScript(
      this.redis,
      'callback-settle-4.lua',
      [keys.callbacks(taskId), keys.callbackLease(taskId), keys.callbackDue(), keys.callbackOutbox()],
      [token, revision, outboxMember, CALLBACK_LEASE_MS, taskId, SETTLED_MEMORY_S, keepLease ? '1' : ''],
    )) as unknown[];
    if (reply[0] === -1) return 'lost';
    return pendingOf(reply) ?? 'empty';
  }

  /** Settles `revision` (or none) and hands back the task's next pending callback. */
  async next(taskId: string, token: string, settled: number | undefined): Promise<NextCallback> {
    const { keys } = this;
    const reply = (await runScript(
      this.redis,
      'callback-next-3.lua',
      [keys.callbacks(taskId), keys.callbackLease(taskId), keys.callbackDue()],
      [token, settled ?? '', CALLBACK_LEASE_MS, taskId, SETTLED_MEMORY_S],
    )) as unknown[];
    if (reply[0] === -1) return 'lost';
    return pendingOf(reply) ?? 'empty';
  }

  /** Takes the lease from `expected` ('' = nobody), for `leaseMs`, and returns the first pending callback. */
  async claim(taskId: string, token: string, expected: string, now = Date.now(), leaseMs = CALLBACK_LEASE_MS): Promise<ClaimResult> {
    const { keys } = this;
    const reply = (await runScript(
      this.redis,
      'callback-claim-3.lua',
      [keys.callbacks(taskId), keys.callbackLease(taskId), keys.callbackDue()],
      [token, expected, leaseMs, now, taskId],
    )) as unknown[];
    if (reply[0] === -1) return { holder: String(reply[1]), leftMs: Number(reply[2]) };
    return pendingOf(reply) ?? 'empty';
  }

  /** Gives the lease to a retry job until `checkAt` (then the sweep checks the job is still there). */
  async handOff(taskId: string, token: string, holder: string, holdMs: number, checkAt: number): Promise<boolean> {
    const { keys } = this;
    const reply = await runScript(this.redis, 'callback-hand-off-2.lua', [keys.callbackLease(taskId), keys.callbackDue()], [token, holder, holdMs, checkAt, taskId]);
    return reply === 1;
  }

  /** Tasks whose callbacks somebody should look at by `now`. */
  async due(now = Date.now(), limit = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.callbackDue(), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Looks at the task again at `at` (its lease is held). */
  async recheckAt(taskId: string, at: number): Promise<void> {
    await this.redis.zadd(this.keys.callbackDue(), at, taskId);
  }

  /** How many tasks have callbacks pending. */
  async tasksPending(): Promise<number> {
    return this.redis.zcard(this.keys.callbackDue());
  }

  /** The task's callbacks not settled yet, in revision order. */
  async pending(taskId: string): Promise<CallbackEntry[]> {
    const hash = await this.redis.hgetall(this.keys.callbacks(taskId));
    return Object.entries(hash)
      .filter(([field]) => field !== '_done')
      .map(([, json]) => callbackEntrySchema.parse(JSON.parse(json)))
      .sort((a, b) => a.revision - b.revision);
  }

  /**
   * The task's current revision (task hash field `_rev`, written by the store's Lua); Infinity
   * once the task is finished and compacted (no change comes after its terminal one).
   */
  async taskRevision(taskId: string): Promise<number | undefined> {
    const replies = (await this.redis.multi().hget(this.keys.task(taskId), '_rev').exists(this.keys.finishedTask(taskId)).exec()) ?? [];
    const [rev, finished] = replies.map(([, value]) => value) as [string | null, number];
    return rev !== null ? Number(rev) : finished ? Number.POSITIVE_INFINITY : undefined;
  }
}

function pendingOf(reply: unknown[]): PendingCallback | undefined {
  if (reply.length < 3) return undefined;
  return { entry: callbackEntrySchema.parse(JSON.parse(String(reply[1]))), pending: Number(reply[2]) };
}

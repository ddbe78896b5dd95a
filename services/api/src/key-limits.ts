import { AppError, isTerminal, type Task } from '@mjq/common';
import type { Caller } from './caller.js';
import type { ApiContext } from './context.js';

/** A UTC day, e.g. 20260105: the daily counter's key. */
export const utcDay = (now: number): string => new Date(now).toISOString().slice(0, 10).replace(/-/g, '');

/**
 * Counts one request against the key's requests per second (a counter per key and second in
 * Redis, shared by every replica). Past the limit: 429 RATE_LIMITED with Retry-After 1.
 */
export async function takeRequest(ctx: ApiContext, caller: Caller, now = Date.now()): Promise<void> {
  const rps = caller.limits?.rps;
  if (!rps || !caller.keyId) return;
  const second = Math.floor(now / 1000);
  const key = ctx.store.keys.keyRate(caller.keyId, second);
  const [[, count]] = (await ctx.redis.multi().incr(key).expire(key, 2).exec()) as [[unknown, number], unknown];
  if (count > rps) throw new AppError('RATE_LIMITED', `Over ${rps} requests per second for this key`, { retryAfterS: 1, limit: rps });
}

/**
 * Before a task of this key is created: its tasks not finished yet stay under `concurrent`
 * (terminal or expired entries are pruned as they are met) and its tasks today under `daily`.
 * The daily count is taken here and given back by `refund` when the task is then refused.
 */
export async function takeTaskSlot(ctx: ApiContext, caller: Caller, now = Date.now()): Promise<(() => Promise<void>) | undefined> {
  const { keyId, limits } = caller;
  if (!keyId || !limits || (!limits.concurrent && !limits.daily)) return undefined;
  if (limits.concurrent) {
    const running = ctx.store.keys.ownerRunning(keyId);
    const ids = await ctx.redis.zrange(running, '0', '-1');
    let live = 0;
    for (const id of ids) {
      const status = await ctx.redis.hget(ctx.store.keys.task(id), 'status');
      if (status && !isTerminal(JSON.parse(status) as Task['status'])) live++;
      else await ctx.redis.zrem(running, id);
    }
    if (live >= limits.concurrent) {
      throw new AppError('KEY_LIMIT', `This key already has ${live} tasks running (limit ${limits.concurrent})`, { limit: 'concurrent', max: limits.concurrent });
    }
  }
  if (!limits.daily) return undefined;
  const daily = ctx.store.keys.keyDaily(keyId, utcDay(now));
  const [[, count]] = (await ctx.redis.multi().incr(daily).expire(daily, 2 * 86_400).exec()) as [[unknown, number], unknown];
  const refund = async () => {
    await ctx.redis.decr(daily);
  };
  if (count > limits.daily) {
    await refund();
    throw new AppError('KEY_LIMIT', `This key created its ${limits.daily} tasks for today`, { limit: 'daily', max: limits.daily });
  }
  return refund;
}

/**
 * Right after the store created the task: indexes it under its owner (listings) and among the
 * owner's running tasks (concurrency). Not in the store's script, so a crash in between leaves a
 * task out of its owner's listing (still reachable by id), never a listing entry without a task.
 */
export async function indexOwnedTask(ctx: ApiContext, task: Task): Promise<void> {
  if (!task.owner) return;
  const ttl = ctx.config.taskTtlDays * 86_400;
  const owned = ctx.store.keys.ownerTasks(task.owner);
  const multi = ctx.redis.multi().zadd(owned, task.submitTime, task.id).expire(owned, ttl);
  if (!isTerminal(task.status)) multi.zadd(ctx.store.keys.ownerRunning(task.owner), task.submitTime, task.id);
  await multi.exec();
}

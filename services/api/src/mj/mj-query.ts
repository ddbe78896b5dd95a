import { proxyMissingTask, proxyTaskView, type ProxyTask, type Task } from '@mjq/common';
import { canSee, ownsCallback } from '../caller.js';
import type { RequestContext } from '../context.js';
import { assertRedisReady, withStorage } from '../storage-guard.js';
import { listTasks } from '../task-listing.js';

/** The Task object the caller is shown (its notifyHook only to the owner). */
export function viewFor(ctx: RequestContext, task: Task): ProxyTask {
  return proxyTaskView(task, { owner: ownsCallback(ctx.caller, task) });
}

/** One Task object per id asked, in order; an unknown, expired or foreign id as a FAILURE (relays stop asking). */
export async function listByIds(ctx: RequestContext, ids: string[]): Promise<ProxyTask[]> {
  assertRedisReady(ctx);
  const { caller } = ctx;
  return withStorage(ctx, () =>
    Promise.all(
      ids.map(async (raw) => {
        const id = String(raw).trim();
        const task = /^\d{1,25}$/.test(id) ? await ctx.store.get(id) : undefined;
        return task && canSee(caller, task) ? viewFor(ctx, task) : proxyMissingTask(id);
      }),
    ),
  );
}

/** The caller's latest 100 tasks, newest first. */
export async function latestTasks(ctx: RequestContext): Promise<ProxyTask[]> {
  return (await listTasks(ctx, { limit: 100 })).tasks.map((task) => viewFor(ctx, task));
}

/** The caller's tasks still waiting to run (NOT_START, SUBMITTED), oldest first. */
export async function queuedTasks(ctx: RequestContext): Promise<ProxyTask[]> {
  assertRedisReady(ctx);
  const { caller } = ctx;
  const keys = ctx.store.keys;
  // Tasks waiting to run are in some account's waiting set (admitted, not claimed); those sent
  // and not started have an idle deadline like every live task.
  const ids = await withStorage(ctx, async () => {
    const accounts = await ctx.accounts.list();
    const waiting = await Promise.all(accounts.map((a) => ctx.redis.smembers(keys.waiting(a.id))));
    return [...new Set([...waiting.flat(), ...(await ctx.redis.zrange(keys.deadlines(), '0', '999'))])];
  });
  const tasks = (await withStorage(ctx, () => Promise.all(ids.slice(0, 1000).map((id) => ctx.store.get(id))))).filter(
    (t): t is Task => !!t && canSee(caller, t) && (t.status === 'NOT_START' || t.status === 'SUBMITTED'),
  );
  return tasks.sort((a, b) => a.submitTime - b.submitTime).map((task) => viewFor(ctx, task));
}

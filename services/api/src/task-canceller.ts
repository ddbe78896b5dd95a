import { isTerminal, type Task } from '@mjq/common';
import type { RequestContext } from './context.js';
import { assertRedisReady, withStorage } from './storage-guard.js';
import { knownTask } from './task-lookup.js';

/**
 * Stops waiting for a task: it ends CANCEL (its slot freed in the same step) and its `cancel`
 * callback goes out. Idempotent: a finished task is returned as it is. A job Midjourney already
 * runs is not stopped there; its late messages find a finished task and change nothing.
 */
export async function cancelTask(ctx: RequestContext, id: string): Promise<Task> {
  assertRedisReady(ctx);
  const task = await knownTask(ctx, id);
  if (isTerminal(task.status)) return task;
  const applied = await withStorage(ctx, () =>
    ctx.store.apply(id, { status: 'CANCEL', fields: { failCode: 'cancelled', failReason: 'released by the client', finishTime: Date.now() } }),
  );
  if (!applied) return (await knownTask(ctx, id));
  await ctx.events.publish('cancel', applied);
  ctx.log.info({ taskId: id, was: task.status }, 'task cancelled');
  return applied.task;
}

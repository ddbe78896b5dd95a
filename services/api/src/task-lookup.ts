import { AppError, type Task } from '@mjq/common';
import { canSee, ownsCallback } from './caller.js';
import type { RequestContext } from './context.js';
import { withStorage } from './storage-guard.js';

/** The task a request names by trigger_id; 404 UNKNOWN_TASK when there is none (or it expired). */
export async function knownTask(ctx: RequestContext, id: string): Promise<Task> {
  const task = await withStorage(ctx, () => ctx.store.get(id));
  if (!task || !canSee(ctx.caller, task)) throw new AppError('UNKNOWN_TASK', `No task ${id} (or it expired)`, { trigger_id: id });
  return task;
}

/** The task whose result (or progress) message is msgId; 404 UNKNOWN_MESSAGE when none is known. */
export async function taskOfMessage(ctx: RequestContext, msgId: string): Promise<Task> {
  const task = await withStorage(ctx, async () => {
    const id = await ctx.store.findByMessage(msgId);
    return id ? ctx.store.get(id) : undefined;
  });
  if (!task || !canSee(ctx.caller, task)) throw new AppError('UNKNOWN_MESSAGE', `No task produced message ${msgId} (or it expired)`, { msg_id: msgId });
  return task;
}

/** The task if it exists and the caller may see it (another key's task is absent to it). */
export async function visibleTask(ctx: RequestContext, id: string): Promise<Task | undefined> {
  const task = await withStorage(ctx, () => ctx.store.get(id));
  return task && canSee(ctx.caller, task) ? task : undefined;
}

/** What the caller is shown of a task: the callback URL only to its owner. */
export function shownTask(ctx: RequestContext, task: Task): Task {
  if (!task.callbackUrl || ownsCallback(ctx.caller, task)) return task;
  const { callbackUrl: _hidden, ...rest } = task;
  return rest;
}

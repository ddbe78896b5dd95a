import {
  AppError,
  jobIds,
  JOB_POLICIES,
  nextTaskId,
  type ImagineRequest,
  type Task,
} from '@mjq/common';
import type { ApiContext } from './context.js';

const ENQUEUE_TIMEOUT_MS = 3000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Fails fast with 503 when Redis is not connected: a request never waits for a dead Redis. */
export function assertRedisReady(ctx: ApiContext): void {
  if (ctx.redis.status !== 'ready') throw new AppError('REDIS_UNAVAILABLE', 'Task storage is unavailable; try again shortly');
}

/**
 * Stores a new task, then enqueues its trigger job (jobId = task id, so a retried enqueue is
 * idempotent). If the enqueue fails the task is marked FAILURE so that nothing accepted is left
 * hanging, and the caller gets 503.
 */
export async function submitImagine(ctx: ApiContext, req: ImagineRequest): Promise<Task> {
  assertRedisReady(ctx);
  let task: Task;
  try {
    const id = await nextTaskId(ctx.redis, ctx.store.keys.taskSeq());
    task = {
      id,
      action: 'IMAGINE',
      status: 'NOT_START',
      prompt: req.prompt,
      imageUrls: req.picurl ? [req.picurl] : [],
      progress: 0,
      attachments: [],
      embeds: [],
      buttons: [],
      submitTime: Date.now(),
      callbackUrl: req.callbackUrl,
    };
    await ctx.store.create(task);
  } catch (err) {
    ctx.log.error({ err }, 'could not store task');
    throw new AppError('REDIS_UNAVAILABLE', 'Task storage is unavailable; try again shortly');
  }
  try {
    const opts = { ...JOB_POLICIES.trigger, jobId: jobIds.trigger(task.id) };
    await withTimeout(ctx.triggerQueue.add('imagine', { taskId: task.id }, opts), ENQUEUE_TIMEOUT_MS, 'enqueue');
  } catch (err) {
    ctx.log.error({ err, taskId: task.id }, 'could not enqueue task');
    await ctx.store
      .update(task.id, { status: 'FAILURE', fields: { failCode: 'enqueue_failed', failReason: 'queue unavailable', finishTime: Date.now() } })
      .catch(() => undefined);
    throw new AppError('REDIS_UNAVAILABLE', 'Task queue is unavailable; try again shortly');
  }
  ctx.log.info({ taskId: task.id, action: task.action }, 'task accepted');
  return task;
}

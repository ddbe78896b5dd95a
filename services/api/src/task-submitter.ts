import {
  AppError,
  jobIds,
  JOB_POLICIES,
  nextTaskId,
  type ImagineRequest,
  type Task,
} from '@mjq/common';
import { assertCallbackAllowed } from './callback-url-check.js';
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

const storageDown = () => new AppError('REDIS_UNAVAILABLE', 'Task storage is unavailable; try again shortly');

function newTask(id: string, req: ImagineRequest): Task {
  return {
    id,
    action: 'IMAGINE',
    status: 'NOT_START',
    prompt: req.prompt,
    imageUrls: req.picurl ? [req.picurl] : [],
    mode: req.mode,
    progress: 0,
    attachments: [],
    embeds: [],
    buttons: [],
    submitTime: Date.now(),
    callbackUrl: req.callbackUrl,
  };
}

/**
 * Admission, in order: banned words (the task is recorded as FAILURE and its `banned` callback
 * sent, as the seed reports it), an enabled account for the requested mode, room in the wait
 * queues. Then the task is stored and its trigger job enqueued (jobId = task id, so a retried
 * enqueue is idempotent). If the enqueue fails the task is marked FAILURE so that nothing
 * accepted is left hanging, and the caller gets 503.
 */
export async function submitImagine(ctx: ApiContext, req: ImagineRequest): Promise<Task> {
  assertRedisReady(ctx);
  await assertCallbackAllowed(ctx, req.callbackUrl);
  let task: Task;
  try {
    task = newTask(await nextTaskId(ctx.redis, ctx.store.keys.taskSeq()), req);
    const terms = await ctx.bannedWords.match(req.prompt);
    if (terms.length) throw await refuseBanned(ctx, task, terms);
    const eligible = (await ctx.accounts.list()).filter((a) => a.enabled && (!req.mode || a.mode === req.mode));
    if (!eligible.length) throw new AppError('NO_ACCOUNT', `No enabled Midjourney account${req.mode ? ` in ${req.mode} mode` : ''}`);
    const maxWaiting = eligible.reduce((sum, a) => sum + a.waitSize, 0);
    if (!(await ctx.store.create(task, { maxWaiting }))) {
      throw new AppError('QUEUE_FULL', `The wait queue is full (${maxWaiting} tasks); try again later`, { maxWaiting });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    ctx.log.error({ err }, 'could not store task');
    throw storageDown();
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

async function refuseBanned(ctx: ApiContext, task: Task, terms: string[]): Promise<AppError> {
  const failReason = `Banned prompt: ${terms.join(', ')}`;
  const failed: Task = { ...task, status: 'FAILURE', failCode: 'banned_prompt', failReason, finishTime: Date.now() };
  await ctx.store.create(failed);
  await ctx.events.publish('banned', failed);
  ctx.log.info({ taskId: task.id, terms }, 'banned prompt refused');
  return new AppError('BANNED_PROMPT', failReason, { terms, trigger_id: task.id });
}

import { AppError, countTerminal, JOB_POLICIES, jobIds, metrics, type Task, type TriggerJob } from '@mjq/common';
import { validatePromptParameters } from '@mjq/discord';
import { waitRoom } from './admission.js';
import { assertCallbackAllowed } from './callback-url-check.js';
import type { ApiContext, RequestContext } from './context.js';
import { indexOwnedTask, takeTaskSlot } from './key-limits.js';
import { assertRedisReady, withStorage } from './storage-guard.js';

const ENQUEUE_TIMEOUT_MS = 3000;

/** What a caller decides about a new task; the submitter adds id, status, times and defaults. */
export type TaskDraft = Pick<Task, 'action' | 'prompt'> &
  Partial<Omit<Task, 'id' | 'status' | 'progress' | 'submitTime' | 'action' | 'prompt'>>;

export interface SubmitOptions {
  /** Text checked against the banned words (a prompt the client wrote). */
  screen?: string;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function newTask(id: string, draft: TaskDraft): Task {
  return { status: 'NOT_START', progress: 0, imageUrls: [], attachments: [], embeds: [], buttons: [], submitTime: Date.now(), ...draft, id };
}

/**
 * The one way a task is accepted, whatever its action. Admission, in order: the callback URL,
 * banned words (the task is recorded as FAILURE and its `banned` callback sent, as the seed
 * reports it), an enabled account that may run it, room in the wait queues (atomic with the
 * store). Then a click is indexed under its parent message (the listener's fallback correlation)
 * and the trigger job enqueued (jobId from the task id, so a retried enqueue is idempotent).
 * If that fails the task is marked FAILURE so that nothing accepted is left hanging, and the
 * caller gets 503.
 */
export async function submitTask(ctx: RequestContext, draft: TaskDraft, options: SubmitOptions = {}): Promise<Task> {
  assertRedisReady(ctx);
  if (draft.action === 'IMAGINE') assertParameters(draft.prompt);
  await assertCallbackAllowed(ctx, draft.callbackUrl);
  const { caller } = ctx;
  const { task, waitingOn } = await withStorage(ctx, async () => {
    const task = newTask(await ctx.taskIds.next(), { ...draft, owner: caller.keyId });
    const terms = options.screen === undefined ? [] : await ctx.bannedWords.match(options.screen);
    if (terms.length) throw await refuseBanned(ctx, task, terms);
    const refund = await takeTaskSlot(ctx, caller);
    const room = waitRoom(await ctx.accounts.list(), task);
    if (!(await ctx.store.create(task, { maxWaiting: room.capacity, waitingFor: room.accountIds }))) {
      await refund?.();
      throw new AppError('QUEUE_FULL', `The wait queue is full (${room.capacity} tasks); try again later`, { maxWaiting: room.capacity });
    }
    await indexOwnedTask(ctx, task);
    return { task, waitingOn: room.accountIds };
  });
  const indexChild = async () => {
    if (task.parentMessageId) await ctx.store.addChild(task.parentMessageId, task.id);
  };
  await enqueueTrigger(ctx, task, 'send', indexChild, waitingOn);
  ctx.log.info({ taskId: task.id, action: task.action }, 'task accepted');
  metrics.tasksSubmitted.inc({ action: task.action });
  return task;
}

/**
 * Enqueues the task's trigger job (after `before`, part of the same hand-over). On failure the
 * task is failed (`enqueue_failed`) rather than left waiting for a job that will never come.
 */
export async function enqueueTrigger(
  ctx: ApiContext,
  task: Task,
  kind: NonNullable<TriggerJob['kind']>,
  before?: () => Promise<void>,
  waitingOn?: string[],
): Promise<void> {
  try {
    await before?.();
    const jobId = kind === 'modal' ? jobIds.modal(task.id) : jobIds.trigger(task.id);
    const job = ctx.triggerQueue.add(kind === 'modal' ? 'modal' : task.action.toLowerCase(), { taskId: task.id, kind, waitingOn }, { ...JOB_POLICIES.trigger, jobId });
    await withTimeout(job, ENQUEUE_TIMEOUT_MS, 'enqueue');
  } catch (err) {
    ctx.log.error({ err, taskId: task.id, kind }, 'could not enqueue task');
    await ctx.store
      .update(task.id, { status: 'FAILURE', fields: { failCode: 'enqueue_failed', failReason: 'queue unavailable', finishTime: Date.now() } })
      // Not published (the queue is what failed): counted here, by the api that refused it.
      .then((failed) => failed && countTerminal(failed))
      .catch(() => undefined);
    throw new AppError('REDIS_UNAVAILABLE', 'Task queue is unavailable; try again shortly');
  }
}

/** Refused before anything is stored: Midjourney would answer "Invalid parameter" (prompt-parameters.ts). */
function assertParameters(prompt: string): void {
  const problem = validatePromptParameters(prompt);
  if (problem) throw new AppError('INVALID_PARAMETER', problem.message, { parameter: problem.parameter, reason: problem.code });
}

async function refuseBanned(ctx: ApiContext, task: Task, terms: string[]): Promise<AppError> {
  const failReason = `Banned prompt: ${terms.join(', ')}`;
  const failed: Task = { ...task, status: 'FAILURE', failCode: 'banned_prompt', failReason, finishTime: Date.now() };
  await ctx.store.create(failed);
  await indexOwnedTask(ctx, failed);
  await ctx.events.publish('banned', failed);
  ctx.log.info({ taskId: task.id, terms }, 'banned prompt refused');
  return new AppError('BANNED_PROMPT', failReason, { terms, trigger_id: task.id });
}

import type { Queue } from 'bullmq';
import { seedCallbackBody } from './callback-payload.js';
import { jobIds, JOB_POLICIES, type CallbackEvent, type CallbackJob } from './queues.js';
import type { FailCode } from './errors.js';
import type { Task } from './task.js';
import type { TaskStore } from './task-store.js';

/**
 * Turns an applied task change into a callback job. Called only after the store accepted the
 * change, so a replayed or duplicate event (refused by the store) never produces a callback;
 * the deterministic jobId makes a repeated publish of the same event a no-op too.
 */
export class TaskEventPublisher {
  constructor(
    private readonly callbackQueue: Queue<CallbackJob>,
    private readonly defaultUrl: string | undefined,
    private readonly attempts: number,
  ) {}

  async publish(event: CallbackEvent, task: Task): Promise<void> {
    const url = task.callbackUrl ?? this.defaultUrl;
    if (!url) return;
    const job: CallbackJob = { taskId: task.id, event, url, body: { ...seedCallbackBody(event, task) } };
    await this.callbackQueue.add(event, job, {
      ...JOB_POLICIES.callback,
      attempts: this.attempts,
      jobId: jobIds.callback(task.id, event, task.progress),
    });
  }
}

/** Moves a task to FAILURE (if it is not terminal yet) and publishes its `error` callback. */
export async function failTask(
  store: TaskStore,
  events: TaskEventPublisher,
  taskId: string,
  /** One of FAIL_CODES, or Midjourney's own refusal code (banned_prompt, queue_full, …). */
  failCode: FailCode | (string & {}),
  failReason: string,
  event: CallbackEvent = 'error',
): Promise<Task | undefined> {
  const task = await store.update(taskId, { status: 'FAILURE', fields: { failCode, failReason, finishTime: Date.now() } });
  if (task) await events.publish(event, task);
  return task;
}

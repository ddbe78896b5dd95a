import type { Queue } from 'bullmq';
import { CallbackOrder } from './callback-order.js';
import { CallbackOutbox } from './callback-outbox.js';
import { seedCallbackBody } from './callback-payload.js';
import { proxyTaskView } from './proxy-task.js';
import { jobIds, JOB_POLICIES, type CallbackEvent, type CallbackJob } from './queues.js';
import type { FailCode } from './errors.js';
import { countTerminal } from './metrics.js';
import type { Task } from './task.js';
import type { AppliedChange, TaskStore } from './task-store.js';

/** A lost enqueue is a lost callback: ride out a Redis blip (failover, reconnect) before giving up. */
const PUBLISH_RETRY_MS = [100, 500, 2000];

/**
 * Turns an applied task change into a callback job. Called only after the store accepted the
 * change, so a replayed or duplicate event (refused by the store) never produces a callback.
 * The job id is the task id plus the change's revision, so whoever publishes the same applied
 * change (two listener replicas, a retry) adds the same job, which BullMQ keeps once. The job is
 * enlisted in the task's CallbackOrder first, so the worker delivers a task's callbacks in order.
 */
export class TaskEventPublisher {
  private order: CallbackOrder | undefined;
  private outbox: CallbackOutbox | undefined;

  constructor(
    private readonly callbackQueue: Queue<CallbackJob>,
    private readonly defaultUrl: string | undefined,
    private readonly attempts: number,
  ) {}

  /** Pass the AppliedChange from `store.apply`; a bare Task (e.g. one created terminal) is looked up for its revision. */
  async publish(event: CallbackEvent, change: AppliedChange | Task): Promise<void> {
    const task = 'revision' in change ? change.task : change;
    // A progress step the store kept quiet has no outbox entry and no callback.
    if ('revision' in change && change.quiet && event === 'generating') return;
    const url = task.callbackUrl ?? this.defaultUrl;
    if (url) await this.enqueue(event, task, url, change);
    // Every applied change is published once, by the one process that applied it (or by the
    // outbox relay when that process died first): the cluster-wide count of terminal tasks.
    countTerminal(task);
    await this.published(change);
  }

  private async enqueue(event: CallbackEvent, task: Task, url: string, change: AppliedChange | Task): Promise<void> {
    const order = (this.order ??= CallbackOrder.forQueue(this.callbackQueue));
    const revision = 'revision' in change ? change.revision : ((await order.taskRevision(task.id)) ?? 1);
    const jobId = jobIds.callback(task.id, revision, event);
    // A notifyHook (proxy API) gets the proxy's Task object; the receiver registered it, so it is the owner.
    const body = task.callbackFormat === 'proxy' && task.callbackUrl ? { ...proxyTaskView(task, { owner: true }) } : { ...seedCallbackBody(event, task) };
    const job: CallbackJob = { taskId: task.id, event, url, revision, body };
    for (let attempt = 0; ; attempt++) {
      try {
        await order.enlist(task.id, revision, jobId);
        await this.callbackQueue.add(event, job, { ...JOB_POLICIES.callback, attempts: this.attempts, jobId });
        return;
      } catch (err) {
        const wait = PUBLISH_RETRY_MS[attempt];
        if (wait === undefined) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }

  /** The change's callback is enqueued (or has nowhere to go): the outbox can forget it. */
  private async published(change: AppliedChange | Task): Promise<void> {
    if (!('revision' in change)) return;
    this.outbox ??= CallbackOutbox.forQueue(this.callbackQueue);
    await this.outbox.done(change.task.id, change.revision);
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
  const applied = await store.apply(taskId, { status: 'FAILURE', fields: { failCode, failReason, finishTime: Date.now() } });
  if (applied) await events.publish(event, applied);
  return applied?.task;
}

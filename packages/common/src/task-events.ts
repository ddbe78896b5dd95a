import type { Queue } from 'bullmq';
import { CallbackOutbox } from './callback-outbox.js';
import { CallbackQueue, type CallbackEntry, type PendingCallback } from './callback-queue.js';
import { seedCallbackBody } from './callback-payload.js';
import { proxyTaskView } from './proxy-task.js';
import type { CallbackEvent, CallbackJob } from './queues.js';
import type { FailCode } from './errors.js';
import { countTerminal } from './metrics.js';
import { STATUS_RANK, type Task } from './task.js';
import type { AppliedChange, CallbackLeaseRequest, TaskStore } from './task-store.js';

/** A lost record is a lost callback: ride out a Redis blip (failover, reconnect) before giving up. */
const PUBLISH_RETRY_MS = [100, 500, 2000];

/** Delivers a task's callbacks from the first one on, holding the task's lease (`token`). */
export interface CallbackDeliverer {
  deliverFrom(taskId: string, token: string, first: PendingCallback): void;
  /** A callback whose task's lease came with its change (nothing else pending): delivered unrecorded. */
  deliverNow(entry: CallbackEntry, token: string, outboxMember: string): void;
  /** The token to ask a task's lease with: the one this process delivers the task's callbacks under now, if any. */
  leaseToken(taskId: string): string;
}

/**
 * Turns an applied task change into a callback. Called only after the store accepted the
 * change, so a replayed or duplicate event (refused by the store) never produces a callback.
 * The callback joins its task's pending ones (callback-queue.ts), keyed by the change's
 * revision, so whoever publishes the same applied change (two listener replicas, a retry)
 * records it once. A process that delivers (the listener: `deliverWith`) starts delivering
 * at once when nobody else is delivering the task's callbacks; the others leave it to the
 * listeners' sweep.
 */
export class TaskEventPublisher {
  private readonly queue: CallbackQueue;
  private readonly outbox: CallbackOutbox;
  private deliverer: CallbackDeliverer | undefined;

  constructor(
    callbackQueue: Queue<CallbackJob>,
    private readonly defaultUrl: string | undefined,
  ) {
    this.queue = CallbackQueue.forQueue(callbackQueue);
    this.outbox = CallbackOutbox.forQueue(callbackQueue);
  }

  /** This process delivers the callbacks it records (when nobody else is delivering that task's). */
  deliverWith(deliverer: CallbackDeliverer): void {
    this.deliverer = deliverer;
  }

  /**
   * What to ask `store.apply` for with a change, in a process that delivers: the task's callback
   * lease, so that a change's callback goes out at once, unrecorded, when none of the task's is
   * pending (a handful of Redis commands fewer per callback).
   */
  lease(taskId: string): CallbackLeaseRequest | undefined {
    return this.deliverer ? { token: this.deliverer.leaseToken(taskId), defaultUrl: this.defaultUrl !== undefined } : undefined;
  }

  /** Pass the AppliedChange from `store.apply`; a bare Task (e.g. one created terminal) is looked up for its revision. */
  async publish(event: CallbackEvent, change: AppliedChange | Task): Promise<void> {
    const task = 'revision' in change ? change.task : change;
    // A progress step the store kept quiet has no outbox entry and no callback.
    if ('revision' in change && change.quiet && event === 'generating') return;
    const url = task.callbackUrl ?? this.defaultUrl;
    if (url) await this.record(event, task, url, change);
    else if ('revision' in change) await this.outbox.done(task.id, change.revision);
    // update-task.lua leases only for a change with a callback URL; never left held regardless.
    if (!url && 'revision' in change && change.callbackLease) await this.queue.settle(task.id, change.callbackLease, change.revision, '');
    // Every applied change is published once, by the one process that applied it (or by the
    // outbox relay when that process died first): the cluster-wide count of terminal tasks.
    countTerminal(task);
  }

  private async record(event: CallbackEvent, task: Task, url: string, change: AppliedChange | Task): Promise<void> {
    const revision = 'revision' in change ? change.revision : ((await this.queue.taskRevision(task.id)) ?? 1);
    // A notifyHook (proxy API) gets the proxy's Task object; the receiver registered it, so it is the owner.
    const body = task.callbackFormat === 'proxy' && task.callbackUrl ? { ...proxyTaskView(task, { owner: true }) } : { ...seedCallbackBody(event, task) };
    const entry: CallbackEntry = { taskId: task.id, event, url, revision, body, at: Date.now() };
    // Only a change a callback reports has an outbox entry (update-task.lua).
    const outboxMember = 'revision' in change && STATUS_RANK[task.status] >= STATUS_RANK.MODAL ? `${task.id}:${revision}` : '';
    if ('revision' in change && change.callbackLease && this.deliverer) {
      this.deliverer.deliverNow(entry, change.callbackLease, outboxMember);
      return;
    }
    const token = this.deliverer ? CallbackQueue.newToken() : '';
    for (let attempt = 0; ; attempt++) {
      try {
        const first = await this.queue.push(entry, outboxMember, token);
        if (first) this.deliverer?.deliverFrom(task.id, token, first);
        return;
      } catch (err) {
        const wait = PUBLISH_RETRY_MS[attempt];
        if (wait === undefined) throw err;
        await new Promise((r) => setTimeout(r, wait));
      }
    }
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
  const applied = await store.apply(taskId, { status: 'FAILURE', fields: { failCode, failReason, finishTime: Date.now() } }, { callbackLease: events.lease(taskId) });
  if (applied) await events.publish(event, applied);
  return applied?.task;
}

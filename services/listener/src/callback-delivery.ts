import { UnrecoverableError, type Job, type Queue } from 'bullmq';
import {
  callbackJobSchema,
  callbackRetryDelay,
  CallbackQueue,
  JOB_POLICIES,
  metrics,
  type CallbackDeliverer,
  type CallbackEntry,
  type CallbackJob,
  type Logger,
  type PendingCallback,
} from '@mjq/common';
import { attemptDelivery, isCoalescible, isRefusal, webhookIdOf } from './callback-attempt.js';
import type { CallbackEgress } from './callback-egress.js';
import { UnrecordedCallbacks } from './callback-now.js';
import type { CallbackSigner } from './callback-signer.js';
import { Semaphore } from './semaphore.js';

export interface CallbackDeliveryDeps {
  pending: CallbackQueue;
  /** Where failed callbacks are retried (BullMQ: backoff, attempts, failed jobs on the dashboard). */
  retries: Queue<CallbackJob>;
  egress: CallbackEgress;
  signer: CallbackSigner;
  log: Logger;
  scheduleMs: readonly number[];
  /** CALLBACK_ATTEMPTS: tries in all, the first one included. */
  attempts: number;
  /** Deliveries in flight at once in this process. */
  concurrency: number;
  /** Age after which a `generating` callback whose task moved on is dropped. */
  coalesceAfterMs?: number;
}

const COALESCE_AFTER_MS = 5000;
/** A retry job's hold on its task outlives the job's own schedule by this much. */
const HOLD_MARGIN_MS = 24 * 3600_000;
/** How often the sweep checks that a retry job holding a task is still there. */
export const RETRY_RECHECK_MS = 30_000;

/**
 * Delivers a task's callbacks in revision order while holding its lease (callback-queue.ts):
 * the first try of each goes straight out of this process; a failed one becomes a BullMQ retry
 * job that holds the task's lease until it settles (delivered, refused or given up), and then
 * the rest of the task's callbacks follow. So a slow or dead receiver holds back only its tasks.
 */
export class CallbackDelivery implements CallbackDeliverer {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly slots: Semaphore;

  private readonly unrecorded: UnrecordedCallbacks;

  constructor(private readonly deps: CallbackDeliveryDeps) {
    this.slots = new Semaphore(deps.concurrency);
    this.unrecorded = new UnrecordedCallbacks({
      pending: deps.pending,
      attempt: (entry) => this.slots.run(() => attemptDelivery(deps.egress, deps.signer, entry)),
      failed: (entry, token, refused, reason) => this.failed(entry, token, refused, reason),
      drain: (taskId, token, first) => this.drain(taskId, token, first),
      track: (taskId, delivery) => this.track(taskId, delivery),
      coalesceAfterMs: deps.coalesceAfterMs ?? COALESCE_AFTER_MS,
    });
  }

  deliverFrom(taskId: string, token: string, first: PendingCallback): void {
    this.track(taskId, this.drain(taskId, token, first));
  }

  /** A callback whose change came with its task's lease (nothing of the task's recorded): callback-now.ts. */
  deliverNow(entry: CallbackEntry, token: string, outboxMember: string): void {
    this.unrecorded.deliver(entry, token, outboxMember);
  }

  leaseToken(taskId: string): string {
    return this.unrecorded.leaseToken(taskId);
  }

  private track(taskId: string, delivery: Promise<void>): void {
    const run = delivery.catch((err: unknown) =>
      // The lease runs out and the sweep takes the task over (or the outbox relay records it): nothing is lost.
      this.deps.log.warn({ taskId, err: (err as Error).message }, 'callback delivery interrupted'),
    );
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  /** Waits for the deliveries under way (graceful stop). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async drain(taskId: string, token: string, first: PendingCallback): Promise<void> {
    let current = first;
    for (;;) {
      if (!(await this.tryFirst(current, token))) return;
      const next = await this.deps.pending.next(taskId, token, current.entry.revision);
      if (next === 'empty' || next === 'lost') return;
      current = next;
    }
  }

  /** The callback's first try; false when it failed and a retry job now holds the task. */
  private async tryFirst({ entry, pending }: PendingCallback, token: string): Promise<boolean> {
    if (isCoalescible(entry, pending, false, this.deps.coalesceAfterMs ?? COALESCE_AFTER_MS)) {
      metrics.callbackDeliveries.inc({ outcome: 'coalesced' });
      return true;
    }
    const result = await this.slots.run(() => attemptDelivery(this.deps.egress, this.deps.signer, entry));
    if (result.ok) {
      metrics.callbackDeliveries.inc({ outcome: 'delivered' });
      return true;
    }
    await this.failed(entry, token, result.refused, result.reason);
    return false;
  }

  /** A first try failed: a retry job takes the callback, and the task's lease with it. */
  private async failed(entry: CallbackEntry, token: string, refused: boolean, reason: string): Promise<void> {
    const givenUp = refused || this.deps.attempts <= 1 ? reason : undefined;
    if (!givenUp) metrics.callbackDeliveries.inc({ outcome: 'failed' });
    this.deps.log.warn({ taskId: entry.taskId, event: entry.event, err: reason }, 'callback attempt failed: a retry job takes it');
    await this.handOff(entry, token, givenUp);
  }

  private async handOff(entry: CallbackEntry, token: string, givenUp: string | undefined): Promise<void> {
    const { pending, retries, scheduleMs, attempts } = this.deps;
    const jobId = webhookIdOf(entry);
    const delay = givenUp ? 0 : callbackRetryDelay(scheduleMs, 1);
    if (!(await pending.handOff(entry.taskId, token, `job:${jobId}`, this.holdMs(), Date.now() + delay + RETRY_RECHECK_MS))) return;
    const { at: _at, ...job } = entry;
    await retries.add(entry.event, { ...job, priorAttempts: 1, givenUp }, { ...JOB_POLICIES.callback, jobId, delay, attempts: Math.max(1, attempts - 1) });
  }

  /** How long a retry job holds its task: longer than its whole schedule (the sweep checks on it meanwhile). */
  private holdMs(): number {
    return this.deps.scheduleMs.reduce((a, b) => a + b, 0) + HOLD_MARGIN_MS;
  }

  /** The retry job's processor (CALLBACK_RETRY_SCHEDULE between tries; BullMQ keeps the last failure). */
  async retry(job: Job<CallbackJob>): Promise<'delivered' | 'coalesced' | 'superseded'> {
    const data = callbackJobSchema.parse(job.data);
    const holder = `job:${job.id!}`;
    // Held as long as between tries: a delivery's lease could run out while it is retried later.
    const claimed = await this.deps.pending.claim(data.taskId, holder, holder, Date.now(), this.holdMs());
    if (claimed === 'empty' || !('entry' in claimed)) return 'superseded';
    if (claimed.entry.revision !== data.revision) {
      // Not this job's callback at the head any more (a crash between settling and handing over): move on.
      await this.continueAfter(data.taskId, holder, undefined);
      return 'superseded';
    }
    if (data.givenUp) return this.giveUp(job, data, holder, data.givenUp, isRefusal(data.givenUp) ? 'refused' : 'given_up');
    if (isCoalescible(claimed.entry, claimed.pending, true, 0)) {
      metrics.callbackDeliveries.inc({ outcome: 'coalesced' });
      await this.continueAfter(data.taskId, holder, data.revision);
      return 'coalesced';
    }
    const result = await this.slots.run(() => attemptDelivery(this.deps.egress, this.deps.signer, data));
    if (result.ok) {
      metrics.callbackDeliveries.inc({ outcome: 'delivered' });
      await this.continueAfter(data.taskId, holder, data.revision);
      return 'delivered';
    }
    const last = result.refused || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (last) return this.giveUp(job, data, holder, result.reason, result.refused ? 'refused' : 'given_up');
    metrics.callbackDeliveries.inc({ outcome: 'failed' });
    this.deps.log.warn({ taskId: data.taskId, event: data.event, jobId: job.id, err: result.reason }, 'callback attempt failed');
    // The sweep checks on the job after its next try is due.
    const nextDelay = callbackRetryDelay(this.deps.scheduleMs, job.attemptsMade + 1 + (data.priorAttempts ?? 0));
    await this.deps.pending.handOff(data.taskId, holder, holder, this.holdMs(), Date.now() + nextDelay + RETRY_RECHECK_MS);
    throw new Error(result.reason);
  }

  /** Settles a callback that will never get through (kept as a failed job) and moves on to the task's next. */
  private async giveUp(job: Job<CallbackJob>, data: CallbackJob, holder: string, reason: string, outcome: 'refused' | 'given_up'): Promise<never> {
    metrics.callbackDeliveries.inc({ outcome });
    this.deps.log.warn({ taskId: data.taskId, event: data.event, jobId: job.id, err: reason }, 'callback given up: kept as failed');
    await this.continueAfter(data.taskId, holder, data.revision);
    throw new UnrecoverableError(reason);
  }

  /** Settles `revision` under the job's hold, then delivers the task's next callbacks under a token of this process. */
  private async continueAfter(taskId: string, holder: string, revision: number | undefined): Promise<void> {
    const next = await this.deps.pending.next(taskId, holder, revision);
    if (next === 'empty' || next === 'lost') return;
    // A fresh token: the sweep takes a finished job's hold over, and must not while this process delivers.
    const token = CallbackQueue.newToken();
    const claimed = await this.deps.pending.claim(taskId, token, holder);
    if (claimed !== 'empty' && 'entry' in claimed) this.deliverFrom(taskId, token, claimed);
  }
}

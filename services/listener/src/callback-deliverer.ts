import { DelayedError, UnrecoverableError, type Job, type Queue } from 'bullmq';
import { callbackJobSchema, metrics, type CallbackJob, type CallbackOrder, type Logger } from '@mjq/common';
import { isForbiddenTarget, type CallbackEgress } from './callback-egress.js';
import type { CallbackSigner } from './callback-signer.js';

export interface DelivererDeps {
  queue: Queue<CallbackJob>;
  order: CallbackOrder;
  egress: CallbackEgress;
  signer: CallbackSigner;
  log: Logger;
  /** A job waiting behind an earlier callback of its task looks again after this long even if never woken. */
  blockedRecheckMs?: number;
  /** Age after which a `generating` callback whose task moved on is dropped (COALESCE_AFTER_MS). */
  coalesceAfterMs?: number;
}

export type DeliveryOutcome = 'delivered' | 'coalesced';

/**
 * A `generating` callback that has already failed, or waited this long, while its task moved on
 * is dropped: the callbacks after it carry newer progress. In a healthy run every step is sent.
 */
const COALESCE_AFTER_MS = 5000;
/** However long a blocker's backoff, a waiting callback looks again at least this often. */
const MAX_BLOCKED_SLEEP_MS = 3_600_000;

/**
 * Delivers one callback job; many run at once (worker concurrency), but a task's callbacks go
 * one at a time in revision order (CallbackOrder): a job that is not its task's head waits,
 * delayed without spending an attempt, until the head settles and wakes it. 2xx = delivered;
 * anything else throws, so BullMQ retries on CALLBACK_RETRY_SCHEDULE and finally keeps the job
 * as failed. A refused target (SSRF guard) fails at once: retrying cannot make it allowed.
 */
export class CallbackDeliverer {
  constructor(private readonly deps: DelivererDeps) {}

  async process(job: Job<CallbackJob>, token?: string): Promise<DeliveryOutcome> {
    const data = callbackJobSchema.parse(job.data);
    const jobId = job.id!;
    const ctx = { taskId: data.taskId, event: data.event, jobId, attempt: job.attemptsMade + 1 };
    const blocker = await this.blockerOf(data.taskId, data.revision, jobId);
    if (blocker) {
      await job.moveToDelayed(Date.now() + (await this.waitFor(blocker)), token);
      // The blocker may have settled between the check and the move: its wake-up then found this
      // job still active and left it, and nobody else will wake it before the recheck. Look again.
      if (!(await this.blockerOf(data.taskId, data.revision, jobId))) await job.promote().catch(() => undefined);
      throw new DelayedError();
    }
    if (await this.isStale(job, data)) {
      this.deps.log.debug(ctx, 'stale progress callback coalesced');
      await this.settle(data.taskId, jobId);
      metrics.callbackDeliveries.inc({ outcome: 'coalesced' });
      return 'coalesced';
    }
    await this.deliver(job, data, ctx);
    await this.settle(data.taskId, jobId);
    return 'delivered';
  }

  /** One POST; throws (after settling, when it was the last try) unless the receiver answered 2xx. */
  private async deliver(job: Job<CallbackJob>, data: CallbackJob, ctx: object): Promise<void> {
    const payload = JSON.stringify(data.body);
    const headers = { 'user-agent': 'mjq-callback/1', 'x-mjq-event': data.event, 'x-mjq-task-id': data.taskId };
    let status: number;
    try {
      status = await this.deps.egress.post(data.url, payload, { ...headers, ...this.deps.signer.headers(job.id!, payload) });
    } catch (err) {
      const message = (err as Error).message;
      if (isForbiddenTarget(err)) {
        this.deps.log.warn({ ...ctx, err: message }, 'callback URL refused by the SSRF guard');
        metrics.callbackDeliveries.inc({ outcome: 'refused' });
        await this.settle(data.taskId, job.id!);
        throw new UnrecoverableError(`callback target not allowed: ${message}`);
      }
      throw await this.failedAttempt(job, ctx, new Error(`callback delivery failed: ${message}`));
    }
    if (status < 200 || status >= 300) throw await this.failedAttempt(job, { ...ctx, status }, new Error(`callback receiver answered HTTP ${status}`));
    this.deps.log.debug({ ...ctx, status }, 'callback delivered');
    metrics.callbackDeliveries.inc({ outcome: 'delivered' });
  }

  /** The task's earlier callback that is still unsettled, if any: this one must wait for it. */
  private async blockerOf(taskId: string, revision: number, jobId: string): Promise<Job<CallbackJob> | undefined> {
    const { order, queue } = this.deps;
    for (;;) {
      const head = await order.head(taskId);
      if (!head || head.jobId === jobId || head.revision >= revision) return undefined;
      const earlier = await queue.getJob(head.jobId);
      if (earlier && !earlier.finishedOn) return earlier;
      // Settled but not unlisted (a crash in between) or never enqueued (publisher died): skip it.
      await order.settle(taskId, head.jobId);
    }
  }

  /**
   * How long to sleep behind `blocker`. Its settling wakes us (settle → promote); the sleep only
   * bounds a missed wake-up. Behind a blocker in a long backoff (receiver down for hours), sleep
   * until its next try instead of polling all along.
   */
  private async waitFor(blocker: Job<CallbackJob>): Promise<number> {
    const recheck = this.deps.blockedRecheckMs ?? 30_000;
    if (!blocker.delay || !blocker.processedOn || !(await blocker.isDelayed())) return recheck;
    return Math.min(Math.max(blocker.processedOn + blocker.delay - Date.now() + 1000, recheck), MAX_BLOCKED_SLEEP_MS);
  }

  private async isStale(job: Job<CallbackJob>, data: CallbackJob): Promise<boolean> {
    if (data.event !== 'generating') return false;
    if (job.attemptsMade === 0 && Date.now() - job.timestamp < (this.deps.coalesceAfterMs ?? COALESCE_AFTER_MS)) return false;
    return ((await this.deps.order.taskRevision(data.taskId)) ?? 0) > data.revision;
  }

  private async failedAttempt(job: Job<CallbackJob>, ctx: object, err: Error): Promise<Error> {
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    metrics.callbackDeliveries.inc({ outcome: last ? 'given_up' : 'failed' });
    this.deps.log.warn({ ...ctx, err: err.message, last }, last ? 'callback given up: kept as failed' : 'callback attempt failed');
    // The last failure settles the job, so the task's later callbacks are not held back forever.
    if (last) await this.settle(job.data.taskId, job.id!);
    return err;
  }

  /** Unlists the job and wakes the task's next callback if it is waiting for its turn. */
  private async settle(taskId: string, jobId: string): Promise<void> {
    const { order, queue } = this.deps;
    await order.settle(taskId, jobId);
    const head = await order.head(taskId);
    if (!head) return;
    const next = await queue.getJob(head.jobId);
    // Never tried and delayed = waiting for its turn (a retry backoff always follows a failed attempt).
    if (next && next.attemptsMade === 0 && (await next.isDelayed())) await next.promote().catch(() => undefined);
  }
}

import type { Queue } from 'bullmq';
import { CallbackQueue, Periodic, type CallbackJob, type Logger } from '@mjq/common';
import { RETRY_RECHECK_MS, type CallbackDelivery } from './callback-delivery.js';

export interface CallbackSweepDeps {
  pending: CallbackQueue;
  retries: Queue<CallbackJob>;
  delivery: CallbackDelivery;
  log: Logger;
  everyMs: number;
}

/**
 * Takes over the callbacks nobody is delivering (callback-queue.ts): those recorded by a
 * process that does not deliver (api, dispatcher), those of a deliverer that died (its lease
 * ran out) and those held by a retry job that is gone. Every listener runs it; the lease
 * makes sure one of them delivers each task.
 */
export class CallbackSweep {
  private readonly periodic: Periodic;

  constructor(private readonly deps: CallbackSweepDeps) {
    this.periodic = new Periodic(() => this.runOnce(), deps.everyMs, (err) => deps.log.warn({ err: (err as Error).message }, 'callback sweep failed'));
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; returns how many tasks it started delivering. */
  async runOnce(now = Date.now()): Promise<number> {
    const { pending, delivery } = this.deps;
    let taken = 0;
    for (const taskId of await pending.due(now)) {
      const token = CallbackQueue.newToken();
      let claimed = await pending.claim(taskId, token, '', now);
      if (claimed !== 'empty' && !('entry' in claimed)) {
        const { holder, leftMs } = claimed;
        if (!holder.startsWith('job:') || (await this.jobAlive(holder.slice('job:'.length)))) {
          await pending.recheckAt(taskId, now + (holder.startsWith('job:') ? RETRY_RECHECK_MS : Math.max(leftMs, 0) + 1000));
          continue;
        }
        this.deps.log.warn({ taskId, holder }, 'callback retry job is gone: taking its task over');
        claimed = await pending.claim(taskId, token, holder, now);
      }
      if (claimed !== 'empty' && 'entry' in claimed) {
        delivery.deliverFrom(taskId, token, claimed);
        taken += 1;
      }
    }
    return taken;
  }

  private async jobAlive(jobId: string): Promise<boolean> {
    const job = await this.deps.retries.getJob(jobId);
    return Boolean(job && !job.finishedOn);
  }
}

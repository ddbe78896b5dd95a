import type { Job } from 'bullmq';
import type { TriggerJob } from '@mjq/common';
import { delay, requeue, RetryIn } from './send-errors.js';
import { processTrigger, type TriggerDeps, type TriggerOutcome } from './trigger-processor.js';

/**
 * Runs a trigger job, and runs it again in the process after each short wait it asks for
 * (`RetryIn`: its account's gate, a 429's retry_after, the evidence window, a fresh look after
 * waiting for a slot): the job keeps its worker slot and its place. Through the queue (delayed),
 * it would come back at the end of the waiting list — behind every task queued meanwhile, with
 * the slot it holds idle all that time. A wait longer than `localRetryMaxMs` goes through the
 * queue after all; one the dispatcher's stop cuts short puts the job back at the queue's head.
 */
export async function runTrigger(deps: TriggerDeps, job: Job<TriggerJob>, token?: string): Promise<TriggerOutcome> {
  for (;;) {
    try {
      return await processTrigger(deps, job, token);
    } catch (err) {
      if (!(err instanceof RetryIn)) throw err;
      if (err.ms > deps.localRetryMaxMs) throw await delay(job, token, err.ms);
      if (!(await deps.signals.sleep(err.ms))) throw await requeue(job, token);
    }
  }
}

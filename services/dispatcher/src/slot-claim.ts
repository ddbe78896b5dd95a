import type { Job } from 'bullmq';
import type { ClaimRequest, SendClaim, SlotCandidate, TriggerJob } from '@mjq/common';
import { delay, requeue, RetryIn } from './send-errors.js';
import type { SlotWaiter } from './slot-signals.js';
import type { TriggerDeps } from './trigger-processor.js';

/** Rounds a job waits in this process for a slot (each up to slotPollMs) before it looks at all afresh. */
const LOCAL_WAIT_ROUNDS = 10;
const FULL = { result: 'full' } as const;

/**
 * Claims a slot, waiting for one in this process (slot-signals.ts). While every account is full
 * (none of `others`, the accounts this job cannot use, has room either), any number of jobs wait
 * so: the worker's concurrency is then taken, it fetches nothing more, and the queue keeps the
 * rest in order — rather than each being fetched only to find the slots full and park. While
 * another account has room, few wait (the cap) and the rest park, out of the way of the jobs
 * that can use it. Slots go to the jobs here in the order they were queued, a freed one to the
 * job woken for it: a newer job does not claim an account older ones wait for (nor send them
 * back to wait with a wasted claim each). After LOCAL_WAIT_ROUNDS without a slot the job looks
 * at its task, accounts and sessions afresh (RetryIn, in the process). Throws when parked.
 */
export async function claimSlot(
  deps: TriggerDeps,
  job: Job<TriggerJob>,
  token: string | undefined,
  request: ClaimRequest,
  others: readonly SlotCandidate[],
  ownAccount?: string,
): Promise<Exclude<SendClaim, { result: 'full' }>> {
  const ids = request.candidates.map((a) => a.id);
  let woken: SlotWaiter | undefined;
  try {
    for (let round = 0; round < LOCAL_WAIT_ROUNDS; round++) {
      // First come, first served (slot-signals.ts): accounts older jobs here wait for are theirs,
      // unless this one was woken for a slot. Its own account always: it may hold a slot there (a retry).
      const open = woken ? request.candidates : request.candidates.filter((a) => a.id === ownAccount || !deps.signals.queued(a.id, job.timestamp));
      const claim = open.length ? await deps.slots.claim({ ...request, candidates: open }) : FULL;
      woken?.done();
      woken = undefined;
      if (claim.result !== 'full') return claim;
      const everyAccountFull = !(await deps.slots.hasRoom(others));
      const waiter = deps.signals.register(ids, job.timestamp, everyAccountFull);
      // Stopping: the next dispatcher takes the job first; else too many wait here: it parks.
      if (!waiter) throw deps.signals.closed ? await requeue(job, token) : await waitForSlot(deps, job, token, request.candidates);
      // A slot freed between the claim and the registration woke nobody here: look once more.
      if (open.length && (await deps.slots.hasRoom(open))) {
        waiter.done();
        continue;
      }
      if (await waiter.wait(deps.slotPollMs)) woken = waiter;
    }
    throw new RetryIn(0);
  } finally {
    woken?.done();
  }
}

/**
 * No slot: park the job (delayed) until a slot of an eligible account frees and wakes it. Not
 * through the queue-wide rate limiter: a job that already holds a slot (retried after a 429)
 * must still get its turn, and a paused queue could starve it behind jobs that find no slot.
 * A slot freed between the failed claim and the parking would wake nobody: look once more.
 */
async function waitForSlot(deps: TriggerDeps, job: Job<TriggerJob>, token: string | undefined, eligible: readonly SlotCandidate[]): Promise<Error> {
  const parked = await delay(job, token, deps.parkMs + Math.random() * deps.parkMs);
  await deps.wakeups.park(job.id!, eligible.map((a) => a.id));
  if (await deps.slots.hasRoom(eligible)) await job.promote().catch(() => undefined);
  return parked;
}

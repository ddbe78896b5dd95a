import type { Job } from 'bullmq';
import type { ClaimRequest, SendClaim, SlotCandidate, TriggerJob } from '@mjq/common';
import { delay } from './send-errors.js';
import type { TriggerDeps } from './trigger-processor.js';

/** Rounds a job may wait in this process for a slot (each up to slotPollMs) before it parks. */
const LOCAL_WAIT_ROUNDS = 10;

/**
 * Claims a slot, waiting for one in this process while few jobs do (slot-signals.ts), else
 * parked in the queue (waitForSlot). Throws when parked.
 */
export async function claimSlot(deps: TriggerDeps, job: Job<TriggerJob>, token: string | undefined, request: ClaimRequest): Promise<Exclude<SendClaim, { result: 'full' }>> {
  const ids = request.candidates.map((a) => a.id);
  for (let round = 0; ; round++) {
    const claim = await deps.slots.claim(request);
    if (claim.result !== 'full') return claim;
    const waiter = round < LOCAL_WAIT_ROUNDS ? deps.signals.register(ids) : undefined;
    if (!waiter) throw await waitForSlot(deps, job, token, request.candidates);
    // A slot freed between the claim and the registration woke nobody here: look once more.
    if (await deps.slots.hasRoom(request.candidates)) {
      waiter.cancel();
      continue;
    }
    if (!(await waiter.wait(deps.slotPollMs))) throw await waitForSlot(deps, job, token, request.candidates);
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

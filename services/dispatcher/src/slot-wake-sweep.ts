import type { Queue } from 'bullmq';
import type { Account, SlotPool, SlotWakeups, TriggerJob } from '@mjq/common';

/** Gives a slot of the account to a job; true when one took it (or was woken to take it). */
export type HandOver = (accountId: string) => Promise<boolean>;

/**
 * A slot freed (the `slot-freed` message) or found free (the sweep) goes to a job waiting for it
 * in this process (SlotSignals.offer) if there is one, else wakes the oldest job parked for that
 * account; `promote` moves a parked job on, false when it is gone or ran meanwhile.
 */
export function slotHandOver(offer: (accountId: string) => boolean, wakeups: Pick<SlotWakeups, 'wakeOne'>, promote: (jobId: string) => Promise<boolean>): HandOver {
  return async (accountId) => offer(accountId) || (await wakeups.wakeOne(accountId, promote)) !== undefined;
}

export interface WakeSweepDeps {
  accounts: () => Promise<Account[]>;
  slots: Pick<SlotPool, 'inUse'>;
  handOver: HandOver;
}

/**
 * A job that finds no slot and may not wait in the process parks (delayed) and sleeps until a
 * freed slot wakes it; its own timer is only the last resort. A wake-up is lost when nobody listened as the slot was freed (every
 * dispatcher restarting, or reconnecting to Redis): this pass wakes, for each enabled account, as
 * many waiting jobs as it has free slots — first those waiting in this process, then parked ones —
 * O(accounts), whatever the queue's depth, where jobs polling on short timers would each be
 * fetched, find the slots full and park again. Returns how many jobs it woke.
 */
export async function wakeForFreeSlots(deps: WakeSweepDeps, now = Date.now()): Promise<number> {
  let woken = 0;
  for (const account of await deps.accounts()) {
    if (!account.enabled) continue;
    const free = account.concurrency - (await deps.slots.inUse(account.id, now));
    for (let i = 0; i < free; i++) {
      if (!(await deps.handOver(account.id))) break;
      woken++;
    }
  }
  return woken;
}

/**
 * Moves a parked (delayed) trigger job to the head of the waiting list, where the next fetch takes
 * it; false when it is gone or not delayed (it ran meanwhile). BullMQ's promotion alone would put
 * it at the end, behind every job queued while it slept — for a slot that is free now.
 */
export function promoteToHead(triggerQueue: Queue<TriggerJob>): (jobId: string) => Promise<boolean> {
  return async (jobId) => {
    const job = await triggerQueue.getJob(jobId);
    if (!job || !(await job.promote().then(() => true, () => false))) return false;
    // Fetched already (a short queue): nothing to move.
    await job.changePriority({ priority: 0, lifo: true }).catch(() => undefined);
    return true;
  };
}

import type { Account, SlotPool, SlotWakeups } from '@mjq/common';

export interface WakeSweepDeps {
  accounts: () => Promise<Account[]>;
  slots: Pick<SlotPool, 'inUse'>;
  wakeups: Pick<SlotWakeups, 'wakeOne'>;
  /** Promotes a parked job; false when it is gone or ran meanwhile. */
  promote: (jobId: string) => Promise<boolean>;
  /** Hands a free slot to a job waiting for it in this process (SlotSignals.offer); true when one took it. */
  offer?: (accountId: string) => boolean;
}

/**
 * A job that finds no slot parks (delayed) and sleeps until a freed slot wakes it; its own timer
 * is only the last resort. A wake-up is lost when nobody listened as the slot was freed (every
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
      if (!deps.offer?.(account.id) && !(await deps.wakeups.wakeOne(account.id, deps.promote))) break;
      woken++;
    }
  }
  return woken;
}

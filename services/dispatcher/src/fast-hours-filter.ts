import type { Account, AccountObserved, Task } from '@mjq/common';

/**
 * Accounts that may take a task now that /info has spoken: one whose last /info (no older than
 * `maxAgeMs`) shows no fast hours left cannot run a fast or turbo job — Midjourney would refuse
 * it "Credits exhausted" — so it is passed over for a task that would run in fast or turbo (its
 * own mode, else the account's). An account whose `relaxFallback` allows is moved to relax by the
 * listener as soon as that /info arrives; this covers the others, and the moment in between. A
 * task bound to an account (a click on its message) keeps it: its message exists nowhere else. Pure.
 */
export function withFastHours(
  accounts: Account[],
  task: Pick<Task, 'accountId' | 'mode'>,
  observed: ReadonlyMap<string, AccountObserved>,
  now: number,
  maxAgeMs: number,
): Account[] {
  if (task.accountId) return accounts;
  return accounts.filter((account) => {
    if ((task.mode ?? account.mode) === 'relax') return true;
    const info = observed.get(account.id)?.info;
    if (!info?.fastTimeRemaining || now - info.readAt > maxAgeMs) return true;
    return info.fastTimeRemaining.hours > 0;
  });
}

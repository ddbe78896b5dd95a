import { AppError, type Account, type Task } from '@mjq/common';

/**
 * Accounts that may run a task, as the dispatcher chooses them: a task bound to an account (a
 * click on its parent's message) runs only there, whatever its mode, since the message exists
 * only for that account; any other task on an enabled account in its mode, if it asks for one.
 */
export function accountsForTask(accounts: Account[], task: Pick<Task, 'accountId' | 'mode'>): Account[] {
  if (task.accountId) return accounts.filter((a) => a.enabled && a.id === task.accountId);
  return accounts.filter((a) => a.enabled && (!task.mode || a.mode === task.mode));
}

/**
 * How many tasks may wait for the eligible accounts (the sum of their wait sizes); refuses
 * with 503 NO_ACCOUNT when none is eligible, so that a task is never accepted that no account
 * could run.
 */
export function waitCapacity(accounts: Account[], task: Pick<Task, 'accountId' | 'mode'>): number {
  const eligible = accountsForTask(accounts, task);
  if (!eligible.length) {
    const what = task.accountId
      ? `Account ${task.accountId}, which holds the parent message, is not enabled`
      : `No enabled Midjourney account${task.mode ? ` in ${task.mode} mode` : ''}`;
    throw new AppError('NO_ACCOUNT', what);
  }
  return eligible.reduce((sum, a) => sum + a.waitSize, 0);
}

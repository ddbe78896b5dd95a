import { accountsForTask, AppError, type Account, type Task } from '@mjq/common';

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

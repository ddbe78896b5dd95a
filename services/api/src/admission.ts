import { accountsForTask, AppError, type Account, type Task } from '@mjq/common';

export interface WaitRoom {
  /** How many tasks may wait for these accounts together: the sum of their wait sizes. */
  capacity: number;
  /** The accounts that may run the task: it waits in each one's queue until it is claimed. */
  accountIds: string[];
}

/**
 * Where a task may wait: the accounts that may run it and their joint wait size. Refuses with
 * 503 NO_ACCOUNT when none is eligible, so that a task is never accepted that no account could
 * run. The store counts the tasks already waiting for any of these accounts (create-task.lua):
 * a relax task is admitted while the fast accounts' queues are full.
 */
export function waitRoom(accounts: Account[], task: Pick<Task, 'accountId' | 'mode'>): WaitRoom {
  const eligible = accountsForTask(accounts, task);
  if (!eligible.length) {
    const what = task.accountId
      ? `Account ${task.accountId}, which holds the parent message, is not enabled`
      : `No enabled Midjourney account${task.mode ? ` in ${task.mode} mode` : ''}`;
    throw new AppError('NO_ACCOUNT', what);
  }
  return { capacity: eligible.reduce((sum, a) => sum + a.waitSize, 0), accountIds: eligible.map((a) => a.id) };
}

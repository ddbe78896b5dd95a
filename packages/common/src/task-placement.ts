/**
 * A task's account and `waitingOn` as last seen by this process. update-task.lua needs the keys
 * of that account's slot set and of those waiting sets declared (Redis Cluster), and checks the
 * fields are still what the caller read: a stale entry costs one re-read, never a wrong update.
 */
export interface Placement {
  /** '' when the task has no account yet. */
  accountId: string;
  /** The raw `waitingOn` field (JSON), '' when absent. */
  waitingOn: string;
}

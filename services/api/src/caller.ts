import type { ApiKeyLimits, Task } from '@mjq/common';

/**
 * Who is calling: `open` when no key is configured at all (a laptop), `client` for an API key
 * (its tasks are its own), `admin` for an admin key (sees every task).
 */
export interface Caller {
  role: 'open' | 'client' | 'admin';
  /** The key's id (managed keys `key_…`, API_KEYS `env-…`, ADMIN_KEYS `admin-…`): the owner of its tasks. */
  keyId?: string;
  limits?: ApiKeyLimits;
}

/** Before authentication, or where no request is: the open caller. */
export const OPEN_CALLER: Caller = Object.freeze({ role: 'open' });

/**
 * Another key's task is as good as absent: 404, never a hint that it exists. A task with no owner
 * (made while no key existed, or before mjq recorded owners) stays reachable by id, as it was.
 */
export function canSee(caller: Caller, task: Pick<Task, 'owner'>): boolean {
  if (caller.role !== 'client' || !task.owner) return true;
  return task.owner === caller.keyId;
}

/** A task's callbackUrl / notifyHook is shown only to its owner (or to anyone while no key is configured). */
export function ownsCallback(caller: Caller, task: Pick<Task, 'owner'>): boolean {
  return !task.owner || task.owner === caller.keyId;
}

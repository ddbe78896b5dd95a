import { AsyncLocalStorage } from 'node:async_hooks';
import type { RequestHandler } from 'express';
import type { ApiKeyLimits, Task } from '@mjq/common';

type TaskMode = NonNullable<Task['mode']>;

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

// The authentication hook runs deep inside tsoa's generated handler and the task submitter deep
// inside every controller; a per-request holder carries the caller from one to the other without
// threading it through every signature.
const scope = new AsyncLocalStorage<{ caller?: Caller; mode?: TaskMode }>();

export const callerScope: RequestHandler = (_req, _res, next) => scope.run({}, next);

export function setCaller(caller: Caller): void {
  const holder = scope.getStore();
  if (holder) holder.caller = caller;
}

/** The current request's caller; `open` outside a request or before authentication. */
export function currentCaller(): Caller {
  return scope.getStore()?.caller ?? { role: 'open' };
}

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

/** The mode a relay chose by its path prefix (/mj-fast, /mj-relax, /mj-turbo). */
export function setRequestMode(mode: TaskMode): void {
  const holder = scope.getStore();
  if (holder) holder.mode = mode;
}

export function requestMode(): TaskMode | undefined {
  return scope.getStore()?.mode;
}

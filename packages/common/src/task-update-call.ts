import { CALLBACK_LEASE_MS } from './callback-queue.js';
import type { RedisKeys } from './keys.js';
import type { Placement } from './task-placement.js';
import { encodeFields } from './task-record.js';
import { STATUS_RANK, TERMINAL_RANK, type Task, type TaskStatus } from './task.js';

export interface TaskUpdate {
  status: TaskStatus;
  progress?: number;
  fields?: Partial<Omit<Task, 'id' | 'status' | 'progress'>>;
}

/**
 * A process that delivers callbacks asks for the task's callback lease with the change: when no
 * callback of the task is pending or under way, it delivers this one at once, unrecorded.
 */
export interface CallbackLeaseRequest {
  token: string;
  /** A default callback URL is configured (a task without its own still has callbacks). */
  defaultUrl: boolean;
}

/** What a caller of TaskStore.apply may ask for with the change. */
export interface ApplyOptions {
  callbackLease?: CallbackLeaseRequest;
  /** Hand a finished task's compaction to the caller to start (AppliedChange.compact) instead of awaiting it. */
  deferCompaction?: boolean;
  /** The change owes a copy of its result files (result-copies.ts): the copier's lease deadline, ms. */
  resultCopyUntil?: number;
}

/** What update-task.lua needs besides the change: the store's settings, the caller's reads and its options. */
export interface UpdateCallContext extends Pick<ApplyOptions, 'callbackLease' | 'resultCopyUntil'> {
  keys: RedisKeys;
  id: string;
  placement: Placement;
  ttlSeconds: number;
  now: number;
  /** Idle timeout of the new status, ms. */
  idleMs: number;
  slotLeaseMs: number;
  streamGraceS: number;
  progressCallbackGapMs: number;
}

/** KEYS and ARGV of update-task.lua (its header documents each). */
export function updateTaskCall(change: TaskUpdate, ctx: UpdateCallContext): { keys: string[]; args: string[] } {
  const { keys, id, placement } = ctx;
  const waitingOn = placement.waitingOn ? (JSON.parse(placement.waitingOn) as string[]) : [];
  return {
    keys: [
      keys.task(id),
      keys.taskEvents(id),
      keys.callbackOutbox(),
      keys.deadlines(),
      keys.callbacks(id),
      keys.callbackLease(id),
      keys.slots(placement.accountId),
      keys.resultCopies(),
      ...waitingOn.map((accountId) => keys.waiting(accountId)),
    ],
    args: [
      JSON.stringify(STATUS_RANK),
      change.status,
      change.progress === undefined ? '' : String(change.progress),
      id,
      String(ctx.ttlSeconds),
      String(TERMINAL_RANK),
      String(ctx.now),
      String(ctx.idleMs),
      String(ctx.slotLeaseMs),
      keys.slotFreed(),
      placement.accountId,
      placement.waitingOn,
      String(ctx.streamGraceS),
      String(ctx.progressCallbackGapMs),
      ctx.callbackLease?.token ?? '',
      String(CALLBACK_LEASE_MS),
      ctx.callbackLease?.defaultUrl ? '1' : '',
      ctx.resultCopyUntil === undefined ? '' : String(ctx.resultCopyUntil),
      ...encodeFields(change.fields ?? {}),
    ],
  };
}

import type { Redis } from 'ioredis';
import type { RedisKeys } from './keys.js';
import type { Task } from './task.js';
import { decodeTaskHash, pairsToHash } from './task-record.js';

/**
 * Every applied change of a task is appended, in the same Lua step as the change itself, to a
 * Redis stream `task-events:<id>` as a full snapshot of the task. Entry ids are `<revision>-0`,
 * where the revision counts the task's applied changes (1 = created): they order a task's
 * callbacks and serve as SSE event ids (`Last-Event-ID`). The stream expires with the task.
 */

export interface TaskEvent {
  /** Stream entry id, `<revision>-0`. */
  id: string;
  revision: number;
  /** SSE event name: created, submitted, modal, start, generating, end, error, banned, cancel. */
  name: string;
  task: Task;
}

/** Refusals by Midjourney's moderation, reported as `banned` like the seed's callback. */
const BANNED_CODES = new Set(['banned_prompt', 'moderated']);

/** The name of the step a snapshot shows; it matches the callback `type` where there is one. */
export function taskEventName(task: Task): string {
  switch (task.status) {
    case 'NOT_START':
      return 'created';
    case 'SUBMITTED':
      return 'submitted';
    case 'MODAL':
      return 'modal';
    case 'IN_PROGRESS':
      return task.progress > 0 ? 'generating' : 'start';
    case 'SUCCESS':
      return 'end';
    case 'FAILURE':
      return BANNED_CODES.has(task.failCode ?? '') ? 'banned' : 'error';
    case 'CANCEL':
      return 'cancel';
  }
}

export function revisionOf(entryId: string): number {
  return Number(entryId.split('-')[0]);
}

/** A valid stream entry id (`ms-seq` or `ms`), e.g. a client's Last-Event-ID. */
export function isStreamId(text: string): boolean {
  return /^\d{1,20}(-\d{1,20})?$/.test(text);
}

export function decodeTaskEvent(id: string, fields: string[]): TaskEvent {
  const task = decodeTaskHash(pairsToHash(fields));
  return { id, revision: revisionOf(id), name: taskEventName(task), task };
}

/** Compares two stream ids numerically (strings of different lengths do not sort as text). */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0n, as = 0n] = a.split('-').map(BigInt);
  const [bm = 0n, bs = 0n] = b.split('-').map(BigInt);
  return am === bm ? Number(as - bs) : am < bm ? -1 : 1;
}

export class TaskEventLog {
  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
  ) {}

  /** Snapshots after `afterId` (exclusive), oldest first. */
  async read(taskId: string, afterId = '0-0', count = 500): Promise<TaskEvent[]> {
    const entries = await this.redis.xrange(this.keys.taskEvents(taskId), `(${afterId}`, '+', 'COUNT', count);
    return entries.map(([id, fields]) => decodeTaskEvent(id, fields));
  }
}

import { AppError, TASK_ACTIONS, TASK_STATUSES, type Task } from '@mjq/common';
import type { RequestContext } from './context.js';
import { assertRedisReady, withStorage } from './storage-guard.js';

export interface ListQuery {
  status?: Task['status'];
  action?: Task['action'];
  /** Submitted at or after (epoch ms). */
  from?: number;
  /** Submitted at or before (epoch ms). */
  to?: number;
  /** From a previous page's `nextCursor`. */
  cursor?: string;
  limit: number;
}

export interface ListPage {
  tasks: Task[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}

/** A cursor is the last task listed, `<submitTime>:<id>`: the next page starts just below it. */
export function encodeCursor(task: Pick<Task, 'id' | 'submitTime'>): string {
  return `${task.submitTime}:${task.id}`;
}

export function decodeCursor(cursor: string): { score: number; id: bigint } {
  const match = /^(\d{1,16}):(\d{1,25})$/.exec(cursor);
  if (!match) throw new AppError('VALIDATION_ERROR', 'cursor: not a cursor this API returned');
  return { score: Number(match[1]), id: BigInt(match[2]!) };
}

/** Newest first; within one millisecond by id, descending. Whether an index entry lies after the cursor. */
export function afterCursor(entry: { id: string; score: number }, cursor: { score: number; id: bigint } | undefined): boolean {
  if (!cursor) return true;
  return entry.score < cursor.score || (entry.score === cursor.score && BigInt(entry.id) < cursor.id);
}

export function validateListQuery(q: { status?: string; action?: string; from?: number; to?: number; cursor?: string; limit?: number }): ListQuery {
  if (q.status !== undefined && !(TASK_STATUSES as readonly string[]).includes(q.status)) {
    throw new AppError('VALIDATION_ERROR', `status must be one of ${TASK_STATUSES.join(', ')}`);
  }
  if (q.action !== undefined && !(TASK_ACTIONS as readonly string[]).includes(q.action)) {
    throw new AppError('VALIDATION_ERROR', `action must be one of ${TASK_ACTIONS.join(', ')}`);
  }
  const limit = q.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) throw new AppError('VALIDATION_ERROR', 'limit must be 1–200');
  return { status: q.status as Task['status'], action: q.action as Task['action'], from: q.from, to: q.to, cursor: q.cursor, limit };
}

/** How many index entries one request reads at most, whatever the filters (a page may come back short, with a cursor). */
const MAX_SCAN = 2000;
const BATCH = 100;

/**
 * Lists the caller's tasks, newest first: a key's own index, or every task for an admin key or an
 * open API. Index entries whose task expired are skipped and removed.
 */
export async function listTasks(ctx: RequestContext, query: ListQuery): Promise<ListPage> {
  assertRedisReady(ctx);
  const { caller } = ctx;
  const index = caller.role === 'client' && caller.keyId ? ctx.store.keys.ownerTasks(caller.keyId) : ctx.store.keys.tasksBySubmitTime();
  const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
  const max = Math.min(cursor?.score ?? Infinity, query.to ?? Infinity);
  const min = query.from ?? -Infinity;
  const stale: string[] = [];
  const page = await withStorage(ctx, async (): Promise<ListPage> => {
    const tasks: Task[] = [];
    let scanned = 0;
    let last: Task | undefined;
    for (let offset = 0; scanned < MAX_SCAN; offset += BATCH) {
      const raw = await ctx.redis.zrevrangebyscore(index, max === Infinity ? '+inf' : max, min === -Infinity ? '-inf' : min, 'WITHSCORES', 'LIMIT', offset, BATCH);
      if (!raw.length) return { tasks };
      for (let i = 0; i < raw.length; i += 2) {
        const entry = { id: raw[i]!, score: Number(raw[i + 1]) };
        scanned++;
        if (!afterCursor(entry, cursor)) continue;
        const task = await ctx.store.get(entry.id);
        if (!task) {
          stale.push(entry.id);
          continue;
        }
        last = task;
        if ((query.status && task.status !== query.status) || (query.action && task.action !== query.action)) continue;
        tasks.push(task);
        if (tasks.length === query.limit) return { tasks, nextCursor: encodeCursor(task) };
      }
      if (raw.length < BATCH * 2) return { tasks };
    }
    return { tasks, nextCursor: last ? encodeCursor(last) : undefined };
  });
  // Removed after the scan: removing during it would shift the offsets being read.
  if (stale.length) await ctx.redis.zrem(index, ...stale).catch(() => undefined);
  return page;
}

import type { Redis } from 'ioredis';
import { compareStreamIds, connectionForKey, createRedis, decodeTaskEvent, type Logger, type RedisKeys, type RedisTarget, type TaskEvent } from '@mjq/common';

export interface TaskEventWatcher {
  /** New snapshots of the task, oldest first; the hub sends each watcher every entry after its cursor once. */
  onEvents(events: TaskEvent[]): void;
  /** The hub is closing (API shutdown): end the response. */
  onClose(): void;
}

interface Watch {
  cursor: string;
  watcher: TaskEventWatcher;
}

/** Upper bound on one XREAD wait; new watchers interrupt it at once with CLIENT UNBLOCK. */
const BLOCK_MS = 5000;
const ENTRIES_PER_READ = 100;

/**
 * Live task events for every SSE client of this API instance over ONE Redis connection: a single
 * loop runs `XREAD BLOCK` on the streams of all watched tasks (they share the hash tag, so this
 * works on Redis Cluster too), and fans the entries out. A new watcher interrupts the blocked
 * read with CLIENT UNBLOCK so its task joins the next read. Connections: one per API replica,
 * whatever the number of clients; no polling while nothing changes.
 */
export class TaskEventHub {
  private readonly watches = new Map<string, Set<Watch>>();
  private reader: Redis | undefined;
  private readerId: number | undefined;
  /** The task ids of the XREAD in flight, if any. */
  private reading: Set<string> | undefined;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly redisTarget: RedisTarget | string,
    private readonly keys: RedisKeys,
    /** A non-blocking connection, used to interrupt the reader. */
    private readonly control: Redis,
    private readonly log: Logger,
  ) {}

  /** Follows a task from just after `cursor`; returns the function that stops following. */
  watch(taskId: string, cursor: string, watcher: TaskEventWatcher): () => void {
    const watch: Watch = { cursor, watcher };
    let set = this.watches.get(taskId);
    if (!set) this.watches.set(taskId, (set = new Set()));
    set.add(watch);
    this.loop ??= this.run();
    this.wake?.();
    if (this.reading && !this.reading.has(taskId)) void this.interrupt(taskId);
    return () => {
      set.delete(watch);
      if (!set.size && this.watches.get(taskId) === set) this.watches.delete(taskId);
    };
  }

  get watcherCount(): number {
    let n = 0;
    for (const set of this.watches.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const set of this.watches.values()) for (const w of set) w.watcher.onClose();
    this.watches.clear();
    this.wake?.();
    this.reader?.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async run(): Promise<void> {
    // Named, so that operators (and tests) can see there is one reader per API instance.
    this.reader = createRedis(this.redisTarget, 'worker', { connectionName: `mjq-task-events:${this.keys.bullPrefix}` });
    this.reader.on('error', (err) => this.log.warn({ err: err.message }, 'task event reader: redis error'));
    this.reader.on('ready', () => {
      this.readerId = undefined;
    });
    while (!this.closed) {
      if (!this.watches.size) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        continue;
      }
      try {
        await this.readOnce(this.reader);
      } catch (err) {
        if (this.closed) break;
        this.log.warn({ err: (err as Error).message }, 'task event read failed; retrying');
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  private async readOnce(reader: Redis): Promise<void> {
    const ids = [...this.watches.keys()];
    // On a Cluster, the id of the very node connection the XREAD goes out on.
    this.readerId ??= Number(await (await connectionForKey(reader, this.keys.taskEvents(ids[0]!))).call('CLIENT', 'ID'));
    const cursors = ids.map((id) => [...this.watches.get(id)!].map((w) => w.cursor).sort(compareStreamIds)[0]!);
    this.reading = new Set(ids);
    let result: [string, [string, string[]][]][] | null;
    try {
      result = (await reader.xread('COUNT', ENTRIES_PER_READ, 'BLOCK', BLOCK_MS, 'STREAMS', ...ids.map(this.keys.taskEvents), ...cursors)) as typeof result;
    } finally {
      this.reading = undefined;
    }
    for (const [key, entries] of result ?? []) {
      const taskId = ids[ids.findIndex((id) => this.keys.taskEvents(id) === key)]!;
      const lastId = entries.at(-1)?.[0];
      if (!lastId) continue;
      const events = entries.flatMap(([id, fields]) => this.decode(taskId, id, fields));
      for (const w of [...(this.watches.get(taskId) ?? [])]) this.deliver(w, events, lastId);
    }
  }

  /** An entry that does not decode is skipped (and logged), never re-read in a loop. */
  private decode(taskId: string, id: string, fields: string[]): TaskEvent[] {
    try {
      return [decodeTaskEvent(id, fields)];
    } catch (err) {
      this.log.error({ taskId, entryId: id, err: (err as Error).message }, 'undecodable task event skipped');
      return [];
    }
  }

  private deliver(watch: Watch, events: TaskEvent[], lastId: string): void {
    const fresh = events.filter((e) => compareStreamIds(e.id, watch.cursor) > 0);
    if (compareStreamIds(lastId, watch.cursor) > 0) watch.cursor = lastId;
    if (fresh.length) watch.watcher.onEvents(fresh);
  }

  /**
   * Makes the blocked XREAD return so that `taskId` is included in the next one. CLIENT UNBLOCK
   * may reach Redis before the XREAD it targets (two connections): retry briefly until it lands
   * or a read including the task has started.
   */
  private async interrupt(taskId: string): Promise<void> {
    for (let i = 0; i < 50 && !this.closed; i++) {
      if (!this.reading || this.reading.has(taskId)) return;
      if (this.readerId !== undefined) {
        // Client ids are per node: sent to the node the reader blocks on.
        const node = await connectionForKey(this.control, this.keys.taskEvents(taskId)).catch(() => this.control);
        const unblocked = await node.call('CLIENT', 'UNBLOCK', String(this.readerId)).catch(() => 0);
        if (unblocked === 1) return;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

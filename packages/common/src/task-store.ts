import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { redisKeys } from './keys.js';
import { TaskLinks } from './task-links.js';
import { runScript } from './lua-scripts.js';
import type { RecordedSend } from './queues.js';
import { compactRecord, decodeTaskHash, encodeFields, pairsToHash, readCompactRecord, recordedSendOf } from './task-record.js';
import { BoundedMap } from './bounded-map.js';
import type { Placement } from './task-placement.js';
import { updateTaskCall, type ApplyOptions, type TaskUpdate } from './task-update-call.js';
import { isTerminal, taskSchema, type Task, type TaskStatus } from './task.js';

/** How long Discord keeps a modal submittable (§3.4). */
export const MODAL_LIFETIME_MS = 15 * 60 * 1000;

/**
 * How long a finished task's event stream is kept (s): long enough for an SSE client to reconnect
 * and for the outbox relay to find a stranded change; after it, the task record alone answers.
 */
export const EVENT_STREAM_GRACE_S = 3600;

/** How often a process trims the by-submit-time set of expired tasks' entries. */
const TRIM_INTERVAL_MS = 10_000;

export interface AppliedChange {
  task: Task;
  /** Counts the task's applied changes (1 = created); orders its callbacks and SSE events. */
  revision: number;
  /** A progress step too soon after the last reported one: SSE shows it, no callback reports it. */
  quiet?: boolean;
  /** The lease token, when the caller took the task's callback lease with the change (see apply). */
  callbackLease?: string;
  /**
   * A finished task's compaction, when the caller asked to start it itself (`deferCompaction`):
   * it costs CPU (a deflate) and a write, which a callback waiting on the change need not wait for.
   */
  compact?: () => Promise<void>;
}

export type { CallbackLeaseRequest, TaskUpdate } from './task-update-call.js';

/**
 * Tasks in Redis: one hash per live task (JSON-encoded fields), one deflated record per finished
 * one, plus lookup indexes (task-links.ts).
 */
export class TaskStore extends TaskLinks {
  /** update-task.lua needs the keys of a task's account and waiting sets declared. */
  private readonly placement = new BoundedMap<string, Placement>(10_000);
  /** A live task with no applied change for this long is failed by the timeout reaper. */
  readonly idleTimeoutMs: number;
  /** The least time between two progress callbacks of one task (CALLBACK_PROGRESS_GAP_MS). */
  private readonly progressCallbackGapMs: number;
  private trimmedAt = 0;

  constructor(redis: Redis, prefix: string, options: { ttlDays: number; idleTimeoutS?: number; progressCallbackGapMs?: number }) {
    super(redis, redisKeys(prefix), options.ttlDays * 24 * 3600);
    this.progressCallbackGapMs = options.progressCallbackGapMs ?? 0;
    this.idleTimeoutMs = (options.idleTimeoutS ?? 600) * 1000;
  }

  /** The store as every service configures it. */
  static fromConfig(redis: Redis, config: Pick<Config, 'redis' | 'taskTtlDays' | 'taskTimeoutS' | 'callbacks'>): TaskStore {
    return new TaskStore(redis, config.redis.prefix, {
      ttlDays: config.taskTtlDays,
      idleTimeoutS: config.taskTimeoutS,
      progressCallbackGapMs: config.callbacks.progressGapMs,
    });
  }

  /**
   * Stores a new task. With `maxWaiting`, refuses (returns false) when that many tasks already
   * wait for the accounts in `waitingFor` (those that may run it): their wait queue is full.
   */
  async create(task: Task, options: { maxWaiting?: number; waitingFor?: string[] } = {}): Promise<boolean> {
    const valid = taskSchema.parse(task);
    // Only a task that waits to be sent waits for accounts (create-task.lua).
    const waitingFor = valid.status === 'NOT_START' ? (options.waitingFor ?? []) : [];
    const keys = [this.keys.task(valid.id), this.keys.tasksBySubmitTime(), this.keys.taskEvents(valid.id), ...waitingFor.map((id) => this.keys.waiting(id))];
    const created = await runScript(
      this.redis,
      'create-task.lua',
      keys,
      [
        String(options.maxWaiting ?? -1),
        String(valid.submitTime),
        valid.id,
        // A task born terminal (refused at the door) expires like any finished task.
        String(isTerminal(valid.status) ? this.ttlSeconds : 0),
        JSON.stringify(waitingFor),
        this.trimBound(),
        ...encodeFields(valid),
      ],
    );
    return created === 1;
  }

  /** Expired tasks' entries leave the by-submit-time set now and then, not on every create. */
  private trimBound(now = Date.now()): string {
    if (now - this.trimmedAt < TRIM_INTERVAL_MS) return '';
    this.trimmedAt = now;
    return String(now - this.ttlSeconds * 1000);
  }

  /** Slot leases outlive the idle deadline, so the reaper (not lease expiry) normally frees them. */
  get leaseMs(): number {
    return this.idleTimeoutMs + 60_000;
  }

  /** Task ids whose idle deadline has passed. */
  async overdue(now = Date.now(), limit = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.deadlines(), '-inf', now, 'LIMIT', 0, limit);
  }

  /** Claims an overdue task for one reaper: true for exactly one of several concurrent callers. */
  async claimOverdue(id: string): Promise<boolean> {
    return (await this.redis.zrem(this.keys.deadlines(), id)) === 1;
  }

  async get(id: string): Promise<Task | undefined> {
    const hash = await this.redis.hgetall(this.keys.task(id));
    if (Object.keys(hash).length) return decodeTaskHash(hash);
    const finished = await this.finishedHash(id);
    return finished && decodeTaskHash(finished);
  }

  /** The task, and for a live one the send its trigger job last recorded (one read). */
  async getForSend(id: string): Promise<{ task?: Task; lastSend?: RecordedSend }> {
    const hash = await this.redis.hgetall(this.keys.task(id));
    return Object.keys(hash).length ? { task: decodeTaskHash(hash), lastSend: recordedSendOf(hash) } : { task: await this.get(id) };
  }

  /** A finished task's hash from its compact record (compact-task-3.lua), if it has one. */
  private async finishedHash(id: string): Promise<Record<string, string> | undefined> {
    const record = await this.redis.getBuffer(this.keys.finishedTask(id));
    return record ? readCompactRecord(record) : undefined;
  }

  /**
   * Replaces a finished task's hash by one deflated record (compact-task-3.lua): a finished
   * task costs Redis under half the bytes. Tried again once when a field was set in between.
   */
  private async compact(id: string, hash: Record<string, string>): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const record = compactRecord(hash);
      const keys = [this.keys.task(id), this.keys.finishedTask(id), this.keys.deadlines()];
      if ((await runScript(this.redis, 'compact-task-3.lua', keys, [id, hash._rev ?? '', record, String(this.ttlSeconds)])) === 1) return;
      hash = await this.redis.hgetall(this.keys.task(id));
      if (!Object.keys(hash).length) return;
    }
  }

  /** Applies a status change if it moves forward; returns the task after it, or undefined if refused. */
  async update(id: string, change: TaskUpdate): Promise<Task | undefined> {
    return (await this.apply(id, change))?.task;
  }

  /** Like update, with the revision of the change (its entry id in the task's event stream). */
  async apply(id: string, change: TaskUpdate, options: ApplyOptions = {}): Promise<AppliedChange | undefined> {
    // A modal waits for a person: it lives 15 minutes on Discord's side, so give it that long.
    const idleMs = change.status === 'MODAL' ? Math.max(this.idleTimeoutMs, MODAL_LIFETIME_MS) : this.idleTimeoutMs;
    for (let attempt = 0; ; attempt++) {
      const placement = this.placement.get(id) ?? (await this.readPlacement(id));
      const call = updateTaskCall(change, {
        keys: this.keys,
        id,
        placement,
        ttlSeconds: this.ttlSeconds,
        now: Date.now(),
        idleMs,
        slotLeaseMs: this.leaseMs,
        streamGraceS: Math.min(EVENT_STREAM_GRACE_S, this.ttlSeconds),
        progressCallbackGapMs: this.progressCallbackGapMs,
        callbackLease: options.callbackLease,
        resultCopyUntil: options.resultCopyUntil,
      });
      const result = (await runScript(this.redis, 'update-task.lua', call.keys, call.args)) as [string[], number] | number | null;
      if (result === 0 && attempt < 3) {
        this.placement.delete(id);
        continue;
      }
      // Refused (a replay, or the task is gone or finished): nothing this process knows changed.
      if (!Array.isArray(result)) return undefined;
      const hash = pairsToHash(result[0]);
      const task = decodeTaskHash(hash);
      let compact: (() => Promise<void>) | undefined;
      if (isTerminal(task.status)) {
        this.placement.delete(id);
        compact = () => this.compact(id, hash);
        if (!options.deferCompaction) await compact();
      } else this.placement.set(id, { accountId: task.accountId ?? '', waitingOn: hash.waitingOn ?? '' });
      const quiet = hash._quiet !== undefined && hash._quiet === hash._rev;
      const leased = result[1] === 1 && options.callbackLease ? { callbackLease: options.callbackLease.token } : {};
      return { task, revision: Number(hash._rev), quiet, ...leased, ...(options.deferCompaction && compact ? { compact } : {}) };
    }
  }

  /** The task's account and `waitingOn` as a claim just found them (claim-send.lua): its next change here reads neither. */
  placed(id: string, placement: Placement): void {
    this.placement.set(id, placement);
  }

  private async readPlacement(id: string): Promise<Placement> {
    const [account, waitingOn] = await this.redis.hmget(this.keys.task(id), 'accountId', 'waitingOn');
    return { accountId: account ? (JSON.parse(account) as string) : '', waitingOn: waitingOn ?? '' };
  }

  /** Sets fields that are not part of the status machine (ids learnt along the way). */
  async patch(id: string, fields: TaskUpdate['fields'] & object): Promise<void> {
    const encoded = encodeFields(fields);
    if (encoded.length) await runScript(this.redis, 'patch-task-1.lua', [this.keys.task(id)], encoded);
  }

  /**
   * Midjourney's job of a finished task was seen to end (its result or error, or its deadline
   * passed): frees the slot a CANCEL kept for it (release-ended-job-3.lua). True when one was freed.
   */
  async releaseEndedJob(id: string): Promise<boolean> {
    const encoded = await this.redis.hget(this.keys.task(id), 'accountId');
    if (!encoded) return false;
    const accountId = JSON.parse(encoded) as string;
    const keys = [this.keys.task(id), this.keys.deadlines(), this.keys.slots(accountId)];
    const released = (await runScript(this.redis, 'release-ended-job-3.lua', keys, [id, accountId, this.keys.slotFreed()])) === 1;
    // The kept slot was what held a cancelled task's compaction back.
    const hash = await this.redis.hgetall(this.keys.task(id));
    if (Object.keys(hash).length && isTerminal(JSON.parse(hash.status ?? '""') as TaskStatus)) await this.compact(id, hash);
    return released;
  }

  /**
   * Midjourney's job of a live task ended (its result was seen): frees its account slot before
   * the result is copied and the task stored SUCCESS (release-job-slot-3.lua). True when freed.
   */
  async releaseJobSlot(id: string): Promise<boolean> {
    const accountId = (this.placement.get(id) ?? (await this.readPlacement(id))).accountId;
    if (!accountId) return false;
    const keys = [this.keys.task(id), this.keys.slots(accountId)];
    return (await runScript(this.redis, 'release-job-slot-2.lua', keys, [id, accountId, this.keys.slotFreed()])) === 1;
  }

  /** The outcome of giving a MODAL task its text; see submit-modal-1.lua. */
  async submitModal(id: string, prompt: string, maskKey = ''): Promise<'ok' | 'unknown' | 'not_modal' | 'already_submitted'> {
    const result = Number(await runScript(this.redis, 'submit-modal-1.lua', [this.keys.task(id)], [prompt, maskKey]));
    // A finished task has no hash any more (compacted): it is known, and not in MODAL.
    if (result === 0) return (await this.redis.exists(this.keys.finishedTask(id))) ? 'not_modal' : 'unknown';
    return result === 1 ? 'ok' : result === -1 ? 'not_modal' : 'already_submitted';
  }

}

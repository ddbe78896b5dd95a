import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { runScript } from './lua-scripts.js';
import { isTerminal, STATUS_RANK, TERMINAL_RANK, taskSchema, type Task, type TaskStatus } from './task.js';

/** How long Discord keeps a modal submittable (§3.4). */
export const MODAL_LIFETIME_MS = 15 * 60 * 1000;

export interface AppliedChange {
  task: Task;
  /** Counts the task's applied changes (1 = created); orders its callbacks and SSE events. */
  revision: number;
}

export interface TaskUpdate {
  status: TaskStatus;
  progress?: number;
  fields?: Partial<Omit<Task, 'id' | 'status' | 'progress'>>;
}

function encodeFields(fields: Record<string, unknown>): string[] {
  return Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .flatMap(([k, v]) => [k, JSON.stringify(v)]);
}

export function decodeTaskHash(hash: Record<string, string>): Task {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(hash)) raw[k] = JSON.parse(v);
  return taskSchema.parse(raw);
}

export function pairsToHash(pairs: string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i + 1 < pairs.length; i += 2) hash[pairs[i]!] = pairs[i + 1]!;
  return hash;
}

/** Tasks in Redis: one hash per task (JSON-encoded fields) plus lookup indexes. */
export class TaskStore {
  readonly keys: RedisKeys;
  private readonly ttlSeconds: number;
  private readonly statusSetPrefix: string;
  /** A live task with no applied change for this long is failed by the timeout reaper. */
  readonly idleTimeoutMs: number;

  constructor(
    private readonly redis: Redis,
    prefix: string,
    options: { ttlDays: number; idleTimeoutS?: number },
  ) {
    this.keys = redisKeys(prefix);
    this.ttlSeconds = options.ttlDays * 24 * 3600;
    this.idleTimeoutMs = (options.idleTimeoutS ?? 600) * 1000;
    this.statusSetPrefix = this.keys.tasksByStatus('');
  }

  /** The store as every service configures it. */
  static fromConfig(redis: Redis, config: Pick<Config, 'redis' | 'taskTtlDays' | 'taskTimeoutS'>): TaskStore {
    return new TaskStore(redis, config.redis.prefix, { ttlDays: config.taskTtlDays, idleTimeoutS: config.taskTimeoutS });
  }

  /**
   * Stores a new task. With `maxWaiting`, refuses (returns false) when that many tasks already
   * wait for the accounts in `waitingFor` (those that may run it): their wait queue is full.
   */
  async create(task: Task, options: { maxWaiting?: number; waitingFor?: string[] } = {}): Promise<boolean> {
    const valid = taskSchema.parse(task);
    // Only a task that waits to be sent waits for accounts (create-task.lua).
    const waitingFor = valid.status === 'NOT_START' ? (options.waitingFor ?? []) : [];
    const created = await runScript(
      this.redis,
      'create-task.lua',
      [
        this.keys.task(valid.id),
        this.keys.tasksBySubmitTime(),
        this.keys.tasksByStatus(valid.status),
        this.keys.taskEvents(valid.id),
        ...waitingFor.map((id) => this.keys.waiting(id)),
      ],
      [
        String(options.maxWaiting ?? -1),
        String(valid.submitTime),
        valid.id,
        // A task born terminal (refused at the door) expires like any finished task.
        String(isTerminal(valid.status) ? this.ttlSeconds : 0),
        JSON.stringify(waitingFor),
        ...encodeFields(valid),
      ],
    );
    return created === 1;
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
    return Object.keys(hash).length ? decodeTaskHash(hash) : undefined;
  }

  /** Applies a status change if it moves forward; returns the task after it, or undefined if refused. */
  async update(id: string, change: TaskUpdate): Promise<Task | undefined> {
    return (await this.apply(id, change))?.task;
  }

  /** Like update, with the revision of the change (its entry id in the task's event stream). */
  async apply(id: string, change: TaskUpdate): Promise<AppliedChange | undefined> {
    const args = [
      JSON.stringify(STATUS_RANK),
      change.status,
      change.progress === undefined ? '' : String(change.progress),
      this.statusSetPrefix,
      id,
      String(this.ttlSeconds),
      String(TERMINAL_RANK),
      this.keys.slots(''),
      this.keys.deadlines(),
      String(Date.now()),
      // A modal waits for a person: it lives 15 minutes on Discord's side, so give it that long.
      String(change.status === 'MODAL' ? Math.max(this.idleTimeoutMs, MODAL_LIFETIME_MS) : this.idleTimeoutMs),
      String(this.leaseMs),
      this.keys.slotFreed(),
      this.keys.waiting(''),
      ...encodeFields(change.fields ?? {}),
    ];
    const keys = [this.keys.task(id), this.keys.taskEvents(id), this.keys.callbackOutbox()];
    const result = (await runScript(this.redis, 'update-task-3.lua', keys, args)) as string[] | null;
    if (!result) return undefined;
    const hash = pairsToHash(result);
    return { task: decodeTaskHash(hash), revision: Number(hash._rev) };
  }

  /** Sets fields that are not part of the status machine (ids learnt along the way). */
  async patch(id: string, fields: TaskUpdate['fields'] & object): Promise<void> {
    const encoded = encodeFields(fields);
    if (encoded.length) await this.redis.hset(this.keys.task(id), ...encoded);
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
    return (await runScript(this.redis, 'release-ended-job-3.lua', keys, [id, accountId, this.keys.slotFreed()])) === 1;
  }

  async linkMessage(messageId: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.messageToTask(messageId), taskId, 'EX', this.ttlSeconds);
  }

  async findByMessage(messageId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.messageToTask(messageId))) ?? undefined;
  }

  async linkNonce(nonce: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.nonceToTask(nonce), taskId, 'EX', this.ttlSeconds);
  }

  async findByNonce(nonce: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.nonceToTask(nonce))) ?? undefined;
  }

  /**
   * Records that the interaction with this nonce reached Discord (its INTERACTION_CREATE/SUCCESS
   * or a Midjourney message echoing the nonce was seen). Kept a day: evidence is looked for
   * within seconds of a send.
   */
  async markLanded(nonce: string): Promise<void> {
    await this.redis.set(this.keys.interactionLanded(nonce), '1', 'EX', 24 * 3600);
  }

  async hasLanded(nonce: string): Promise<boolean> {
    return (await this.redis.exists(this.keys.interactionLanded(nonce))) === 1;
  }

  async linkInteraction(interactionId: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.interactionToTask(interactionId), taskId, 'EX', this.ttlSeconds);
  }

  async findByInteraction(interactionId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.interactionToTask(interactionId))) ?? undefined;
  }

  /** The outcome of giving a MODAL task its text; see submit-modal-1.lua. */
  async submitModal(id: string, prompt: string, maskKey = ''): Promise<'ok' | 'unknown' | 'not_modal' | 'already_submitted'> {
    const result = Number(await runScript(this.redis, 'submit-modal-1.lua', [this.keys.task(id)], [prompt, maskKey]));
    return result === 1 ? 'ok' : result === 0 ? 'unknown' : result === -1 ? 'not_modal' : 'already_submitted';
  }

  /** Remembers that `taskId` clicks a button of `messageId` (a child of that message's task). */
  async addChild(messageId: string, taskId: string): Promise<void> {
    const key = this.keys.messageChildren(messageId);
    await this.redis.multi().sadd(key, taskId).expire(key, this.ttlSeconds).exec();
  }

  async children(messageId: string): Promise<string[]> {
    return this.redis.smembers(this.keys.messageChildren(messageId));
  }

  /** Counts Midjourney messages that matched no task (exposed for monitoring). */
  async countUnmatched(): Promise<number> {
    return this.redis.incr(this.keys.unmatchedCount());
  }
}

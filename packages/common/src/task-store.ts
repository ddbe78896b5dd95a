import type { Redis } from 'ioredis';
import type { Config } from './config.js';
import { redisKeys, type RedisKeys } from './keys.js';
import { isTerminal, STATUS_RANK, TERMINAL_RANK, taskSchema, type Task, type TaskStatus } from './task.js';

/**
 * Snapshots kept in a task's event stream (task-event-log.ts); approximate, since Redis trims
 * whole stream nodes. A task has about 10–30 changes.
 */
export const TASK_EVENTS_MAXLEN = 200;

/** How long Discord keeps a modal submittable (§3.4). */
export const MODAL_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Atomic, forward-only status change. Mirrors `canTransition` (task.ts), which is the
 * specification; test/task-store.test.ts checks both agree on every pair of statuses.
 * Returns the whole hash after the change, or nil when the change was refused (unknown task,
 * terminal task, backwards move, or progress that does not grow): replays are no-ops.
 * In the same step it keeps the task's scheduling state true: a live task's idle deadline and
 * slot lease move forward; a terminal task leaves the deadlines and frees its account slot, so a
 * slot can never outlive its task (a task waiting in MODAL gives its slot back too; its submit takes one again);
 * the freed account is published so that a job waiting for a slot wakes. The snapshot after the change is appended to the task's event
 * stream (`<revision>-0`) in the same step, so SSE readers and callbacks see exactly the applied changes.
 * A change a callback reports (MODAL onwards) is also put in the callback outbox, in the same step:
 * if its publisher dies before enqueueing the callback, the outbox relay still sends it.
 */
const UPDATE_SCRIPT = `
local cur = redis.call('HGET', KEYS[1], 'status')
if not cur then return nil end
local ranks = cjson.decode(ARGV[1])
local from = cjson.decode(cur)
local to = ARGV[2]
local progress = ARGV[3]
local statusPrefix, id, ttl, terminal = ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local slotPrefix, deadlines, now, idleMs, leaseMs = ARGV[8], ARGV[9], tonumber(ARGV[10]), tonumber(ARGV[11]), tonumber(ARGV[12])
local fr = ranks[from]
local tr = ranks[to]
if fr >= terminal then return nil end
local ok = tr > fr
if (not ok) and tr == fr and to == 'IN_PROGRESS' and progress ~= '' then
  local curp = tonumber(redis.call('HGET', KEYS[1], 'progress') or '0')
  ok = tonumber(progress) > curp
end
if not ok then return nil end
local freedChannel = ARGV[13]
for i = 14, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('HSET', KEYS[1], 'status', cjson.encode(to))
if progress ~= '' then redis.call('HSET', KEYS[1], 'progress', progress) end
if from ~= to then
  redis.call('SREM', statusPrefix .. from, id)
  redis.call('SADD', statusPrefix .. to, id)
end
local account = redis.call('HGET', KEYS[1], 'accountId')
local function freeSlot()
  if account and redis.call('ZREM', slotPrefix .. cjson.decode(account), id) == 1 then
    redis.call('PUBLISH', freedChannel, cjson.decode(account))
  end
end
if tr >= terminal then
  redis.call('EXPIRE', KEYS[1], ttl)
  redis.call('ZREM', deadlines, id)
  freeSlot()
elseif tr >= ranks['SUBMITTED'] then
  redis.call('ZADD', deadlines, now + idleMs, id)
  -- A modal waits for a person, not for Midjourney: its slot goes back until the text is sent.
  if to == 'MODAL' then freeSlot()
  elseif account then redis.call('ZADD', slotPrefix .. cjson.decode(account), 'XX', now + leaseMs, id) end
end
local rev = redis.call('HINCRBY', KEYS[1], '_rev', 1)
local snapshot = redis.call('HGETALL', KEYS[1])
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ${TASK_EVENTS_MAXLEN}, rev .. '-0', unpack(snapshot))
if tr >= terminal then redis.call('EXPIRE', KEYS[2], ttl) end
if tr >= ranks['MODAL'] then redis.call('ZADD', KEYS[3], now, id .. ':' .. rev) end
return snapshot
`;

/**
 * Records the client's text for a task waiting in MODAL, once: a second call, or a call for a
 * task in any other state, changes nothing. Returns 1 ok, 0 unknown, -1 not in MODAL, -2 already given.
 */
const SUBMIT_MODAL_SCRIPT = `
local status = redis.call('HGET', KEYS[1], 'status')
if not status then return 0 end
if cjson.decode(status) ~= 'MODAL' then return -1 end
local raw = redis.call('HGET', KEYS[1], 'modal')
if not raw then return -1 end
local modal = cjson.decode(raw)
if modal['prompt'] then return -2 end
modal['prompt'] = ARGV[1]
if ARGV[2] ~= '' then modal['maskKey'] = ARGV[2] end
redis.call('HSET', KEYS[1], 'modal', cjson.encode(modal))
return 1
`;

/** Creates a task unless `maxWaiting` tasks already wait to be sent (admission is atomic). */
const CREATE_SCRIPT = `
if tonumber(ARGV[1]) >= 0 and redis.call('SCARD', KEYS[3]) >= tonumber(ARGV[1]) then return 0 end
for i = 5, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
redis.call('SADD', KEYS[4], ARGV[3])
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[1], ARGV[4]) end
local rev = redis.call('HINCRBY', KEYS[1], '_rev', 1)
redis.call('XADD', KEYS[5], 'MAXLEN', '~', ${TASK_EVENTS_MAXLEN}, rev .. '-0', unpack(redis.call('HGETALL', KEYS[1])))
if tonumber(ARGV[4]) > 0 then redis.call('EXPIRE', KEYS[5], ARGV[4]) end
return 1
`;

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

  /**
   * Stores a new task. With `maxWaiting`, refuses (returns false) when that many tasks are
   * already waiting to be sent (status NOT_START): the wait queue is full.
   */
  /** The store as every service configures it. */
  static fromConfig(redis: Redis, config: Pick<Config, 'redis' | 'taskTtlDays' | 'taskTimeoutS'>): TaskStore {
    return new TaskStore(redis, config.redis.prefix, { ttlDays: config.taskTtlDays, idleTimeoutS: config.taskTimeoutS });
  }

  async create(task: Task, options: { maxWaiting?: number } = {}): Promise<boolean> {
    const valid = taskSchema.parse(task);
    const created = await this.redis.eval(
      CREATE_SCRIPT,
      5,
      this.keys.task(valid.id),
      this.keys.tasksBySubmitTime(),
      this.keys.tasksByStatus('NOT_START'),
      this.keys.tasksByStatus(valid.status),
      this.keys.taskEvents(valid.id),
      String(options.maxWaiting ?? -1),
      String(valid.submitTime),
      valid.id,
      // A task born terminal (refused at the door) expires like any finished task.
      String(isTerminal(valid.status) ? this.ttlSeconds : 0),
      ...encodeFields(valid),
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
      ...encodeFields(change.fields ?? {}),
    ];
    const result = (await this.redis.eval(UPDATE_SCRIPT, 3, this.keys.task(id), this.keys.taskEvents(id), this.keys.callbackOutbox(), ...args)) as
      | string[]
      | null;
    if (!result) return undefined;
    const hash = pairsToHash(result);
    return { task: decodeTaskHash(hash), revision: Number(hash._rev) };
  }

  /** Sets fields that are not part of the status machine (ids learnt along the way). */
  async patch(id: string, fields: TaskUpdate['fields'] & object): Promise<void> {
    const encoded = encodeFields(fields);
    if (encoded.length) await this.redis.hset(this.keys.task(id), ...encoded);
  }

  async remove(id: string): Promise<void> {
    const task = await this.get(id);
    const multi = this.redis.multi().del(this.keys.task(id), this.keys.taskEvents(id)).zrem(this.keys.tasksBySubmitTime(), id);
    if (task) multi.srem(this.keys.tasksByStatus(task.status), id);
    await multi.exec();
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

  async linkInteraction(interactionId: string, taskId: string): Promise<void> {
    await this.redis.set(this.keys.interactionToTask(interactionId), taskId, 'EX', this.ttlSeconds);
  }

  async findByInteraction(interactionId: string): Promise<string | undefined> {
    return (await this.redis.get(this.keys.interactionToTask(interactionId))) ?? undefined;
  }

  /** The outcome of giving a MODAL task its text; see SUBMIT_MODAL_SCRIPT. */
  async submitModal(id: string, prompt: string, maskKey = ''): Promise<'ok' | 'unknown' | 'not_modal' | 'already_submitted'> {
    const result = Number(await this.redis.eval(SUBMIT_MODAL_SCRIPT, 1, this.keys.task(id), prompt, maskKey));
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

  async countByStatus(status: TaskStatus): Promise<number> {
    return this.redis.scard(this.keys.tasksByStatus(status));
  }
}

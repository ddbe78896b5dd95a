import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { nextTaskId } from '../src/ids.js';
import { canTransition, TASK_STATUSES, type Task, type TaskStatus } from '../src/task.js';
import { MODAL_LIFETIME_MS, TaskStore } from '../src/task-store.js';
import { SlotPool } from '../src/slot-pool.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { takeSlot } from '../../../tests/support/slots.js';

let redis: Redis;
let store: TaskStore;
const prefix = testPrefix('store');

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function newTask(status: TaskStatus = 'NOT_START', progress = 0): Promise<Task> {
  const task = await taskData(status, progress);
  await store.create(task);
  return task;
}

async function taskData(status: TaskStatus = 'NOT_START', progress = 0): Promise<Task> {
  return {
    id: await nextTaskId(redis, store.keys.taskSeq()),
    action: 'IMAGINE',
    status,
    prompt: 'a red fox',
    progress,
    imageUrls: [],
    attachments: [],
    embeds: [],
    buttons: [],
    submitTime: Date.now(),
  };
}

describe('TaskStore', () => {
  it('round-trips a task with its JSON fields', async () => {
    const t = await newTask();
    expect(await store.get(t.id)).toEqual(t);
    expect(await store.get('123')).toBeUndefined();
  });

  it('agrees with canTransition on every pair of statuses (the Lua mirrors the spec)', async () => {
    for (const from of TASK_STATUSES) {
      for (const to of TASK_STATUSES) {
        const t = await newTask(from, 40);
        const applied = await store.update(t.id, { status: to, progress: to === 'IN_PROGRESS' ? 50 : undefined });
        const expected = canTransition(from, to, to === 'IN_PROGRESS' ? { current: 40, next: 50 } : undefined);
        expect({ from, to, applied: applied !== undefined }).toEqual({ from, to, applied: expected });
        expect((await store.get(t.id))?.status).toBe(expected ? to : from);
      }
    }
  });

  it('applies a progress event once and never lets a late update overwrite SUCCESS', async () => {
    const t = await newTask('SUBMITTED');
    expect(await store.update(t.id, { status: 'IN_PROGRESS', progress: 31 })).toMatchObject({ progress: 31 });
    expect(await store.update(t.id, { status: 'IN_PROGRESS', progress: 31 })).toBeUndefined();
    const done = await store.update(t.id, { status: 'SUCCESS', progress: 100, fields: { imageUrl: 'http://x/a.png' } });
    expect(done).toMatchObject({ status: 'SUCCESS', progress: 100, imageUrl: 'http://x/a.png' });
    expect(await store.update(t.id, { status: 'IN_PROGRESS', progress: 62 })).toBeUndefined();
    expect(await store.update(t.id, { status: 'FAILURE', fields: { failReason: 'late' } })).toBeUndefined();
    expect(await store.get(t.id)).toMatchObject({ status: 'SUCCESS', imageUrl: 'http://x/a.png' });
    expect(await redis.ttl(store.keys.finishedTask(t.id))).toBeGreaterThan(0);
  });

  it('reports a progress step by callback only when the last reported one is old enough', async () => {
    const paced = new TaskStore(redis, prefix, { ttlDays: 1, progressCallbackGapMs: 60_000 });
    const t = await newTask('NOT_START');
    const changes = [
      await paced.apply(t.id, { status: 'SUBMITTED' }),
      await paced.apply(t.id, { status: 'IN_PROGRESS', progress: 0 }),
      await paced.apply(t.id, { status: 'IN_PROGRESS', progress: 10 }),
      await paced.apply(t.id, { status: 'IN_PROGRESS', progress: 20 }),
      await paced.apply(t.id, { status: 'SUCCESS' }),
    ];
    expect(changes.map((c) => c?.quiet)).toEqual([false, false, false, true, false]);
    const outbox = await redis.zrange(store.keys.callbackOutbox(), 0, -1);
    // SUBMITTED has no callback; start, the first progress step and the end do.
    expect(outbox.filter((m) => m.startsWith(`${t.id}:`)).sort()).toEqual([3, 4, 6].map((r) => `${t.id}:${r}`));
  });

  it('keeps a finished task as one compact record that reads back whole', async () => {
    const t = await newTask('NOT_START');
    await store.update(t.id, { status: 'SUBMITTED', fields: { nonce: 'n1', buttons: [{ customId: 'MJ::JOB::upsample::1::h', label: 'U1' }] } });
    const finished = await store.update(t.id, { status: 'SUCCESS', fields: { imageUrl: 'http://x/a.png' } });
    expect(await redis.exists(store.keys.task(t.id))).toBe(0);
    expect(await store.get(t.id)).toEqual(finished);
    // A late id learnt for it does not bring back a partial hash.
    await store.patch(t.id, { interactionId: 'late' });
    expect(await redis.exists(store.keys.task(t.id))).toBe(0);
    expect(await store.get(t.id)).toEqual(finished);
  });

  it('hands a finished task\'s compaction to a caller that defers it, and it happens then', async () => {
    const t = await newTask('SUBMITTED');
    const applied = await store.apply(t.id, { status: 'SUCCESS', fields: { imageUrl: 'http://x/b.png' } }, { deferCompaction: true });
    expect(applied?.compaction).toBeInstanceOf(Promise);
    await applied!.compaction;
    expect(await redis.exists(store.keys.task(t.id))).toBe(0);
    expect(await store.get(t.id)).toEqual(applied!.task);
    // A live task has nothing to compact.
    const live = await newTask('SUBMITTED');
    expect((await store.apply(live.id, { status: 'IN_PROGRESS', progress: 0 }, { deferCompaction: true }))?.compaction).toBeUndefined();
  });

  it('frees the slot of an account given to the task after this process last saw it', async () => {
    // The store declares the account's slot set to update-task.lua from what it last read; a
    // claim by another process in between must not leave the slot taken.
    const t = await newTask('NOT_START');
    await store.update(t.id, { status: 'SUBMITTED' });
    expect(await takeSlot(redis, prefix, t.id, [{ id: 'acct', concurrency: 1 }], 5000)).toBe('acct');
    await new TaskStore(redis, prefix, { ttlDays: 1 }).patch(t.id, { accountId: 'acct' });
    expect(await store.update(t.id, { status: 'SUCCESS' })).toMatchObject({ status: 'SUCCESS' });
    expect(await redis.zscore(store.keys.slots('acct'), t.id)).toBeNull();
  });

  it('tracks the idle deadline of live tasks and frees the slot when the task ends', async () => {
    const pool = new SlotPool(redis, prefix);
    const t = await newTask('NOT_START');
    expect(await takeSlot(redis, prefix, t.id, [{ id: 'acct', concurrency: 1 }], 5000)).toBe('acct');
    await store.patch(t.id, { accountId: 'acct' });
    await store.update(t.id, { status: 'SUBMITTED' });
    const deadline = Number(await redis.zscore(store.keys.deadlines(), t.id));
    expect(deadline).toBeGreaterThan(Date.now() + store.idleTimeoutMs - 5000);
    const lease = Number(await redis.zscore(store.keys.slots('acct'), t.id));
    expect(lease).toBeGreaterThan(Date.now() + store.idleTimeoutMs);
    expect(await store.overdue(deadline + 1)).toContain(t.id);
    await store.update(t.id, { status: 'FAILURE' });
    expect(await pool.inUse('acct')).toBe(0);
    expect(await redis.zscore(store.keys.deadlines(), t.id)).toBeNull();
  });

  it('pushes the deadline on by a progress step only once the last push is a tenth of the idle timeout old', async () => {
    const t = await newTask('NOT_START');
    await store.update(t.id, { status: 'SUBMITTED' });
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 10 });
    // Marks the deadline as this test set it, to see whether the next steps move it.
    const marked = Number(await redis.zscore(store.keys.deadlines(), t.id)) - 1000;
    await redis.zadd(store.keys.deadlines(), marked, t.id);
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 20 });
    expect(Number(await redis.zscore(store.keys.deadlines(), t.id))).toBe(marked);
    // The last push is now an idle timeout old (as if the steps had been slow): the next one pushes.
    await redis.hset(store.keys.task(t.id), '_touchedAt', String(Date.now() - store.idleTimeoutMs));
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 30 });
    expect(Number(await redis.zscore(store.keys.deadlines(), t.id))).toBeGreaterThan(marked);
  });

  it('leaves the deadline and slot lease its claim just set when the job is seen sent and starting', async () => {
    const pool = new SlotPool(redis, prefix);
    const t = await newTask('NOT_START');
    const claim = await pool.claim({ taskId: t.id, kind: 'send', candidates: [{ id: 'acct-touch', concurrency: 1 }], leaseMs: store.leaseMs, idleMs: store.idleTimeoutMs });
    expect(claim).toMatchObject({ result: 'claimed', accountId: 'acct-touch' });
    // Marks both as this test set them, to see whether the next steps move them.
    await redis.zadd(store.keys.deadlines(), 1000, t.id);
    await redis.zadd(store.keys.slots('acct-touch'), 'XX', Date.now() + 60_000, t.id);
    await store.update(t.id, { status: 'SUBMITTED' });
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 0 });
    expect(Number(await redis.zscore(store.keys.deadlines(), t.id))).toBe(1000);
    expect(Number(await redis.zscore(store.keys.slots('acct-touch'), t.id))).toBeLessThanOrEqual(Date.now() + 60_000);
  });

  it('gives the slot back while a task waits in MODAL: a person, not Midjourney, holds it up', async () => {
    const pool = new SlotPool(redis, prefix);
    const t = await newTask('NOT_START');
    expect(await takeSlot(redis, prefix, t.id, [{ id: 'acct-modal', concurrency: 1 }], 60_000)).toBe('acct-modal');
    await store.patch(t.id, { accountId: 'acct-modal' });
    await store.update(t.id, { status: 'SUBMITTED' });
    expect(await pool.inUse('acct-modal')).toBe(1);
    await store.update(t.id, { status: 'MODAL' });
    expect(await pool.inUse('acct-modal')).toBe(0);
    // The submit takes a slot again; the job's progress then keeps its lease alive.
    expect(await takeSlot(redis, prefix, t.id, [{ id: 'acct-modal', concurrency: 1 }], 60_000)).toBe('acct-modal');
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 0 });
    expect(await pool.inUse('acct-modal')).toBe(1);
  });

  it('gives a task waiting in MODAL as long as Discord keeps the modal open', async () => {
    const t = await newTask('SUBMITTED');
    await store.update(t.id, { status: 'MODAL' });
    const deadline = Number(await redis.zscore(store.keys.deadlines(), t.id));
    expect(deadline).toBeGreaterThan(Date.now() + Math.max(store.idleTimeoutMs, MODAL_LIFETIME_MS) - 5000);
    await store.update(t.id, { status: 'IN_PROGRESS', progress: 0 });
    expect(Number(await redis.zscore(store.keys.deadlines(), t.id))).toBeLessThanOrEqual(Date.now() + store.idleTimeoutMs);
  });

  it('admits a new task only while the wait queue of its accounts has room', async () => {
    const waitingFor = ['acct-admit'];
    expect(await store.create(await taskData(), { maxWaiting: 2, waitingFor })).toBe(true);
    expect(await store.create(await taskData(), { maxWaiting: 2, waitingFor })).toBe(true);
    const b = await taskData();
    expect(await store.create(b, { maxWaiting: 2, waitingFor })).toBe(false);
    expect(await store.get(b.id)).toBeUndefined();
  });

  it('counts a task waiting for several accounts once against their joint wait size', async () => {
    const waitingFor = ['acct-both-a', 'acct-both-b'];
    // Two tasks in both sets: 4 entries, 2 distinct tasks, under the joint limit of 3.
    expect(await store.create(await taskData(), { maxWaiting: 3, waitingFor })).toBe(true);
    expect(await store.create(await taskData(), { maxWaiting: 3, waitingFor })).toBe(true);
    expect(await store.create(await taskData(), { maxWaiting: 3, waitingFor })).toBe(true);
    expect(await store.create(await taskData(), { maxWaiting: 3, waitingFor })).toBe(false);
    expect(await store.create(await taskData(), { maxWaiting: 3, waitingFor: ['acct-both-a'] })).toBe(false);
  });

  it('trims expired tasks from the by-submit-time index now and then, not on every create', async () => {
    const trimPrefix = testPrefix('store-trim');
    const own = new TaskStore(redis, trimPrefix, { ttlDays: 1 });
    const index = own.keys.tasksBySubmitTime();
    const dayAgo = Date.now() - 24 * 3600 * 1000;
    const aged = async (submitTime: number) => {
      const task = { ...(await taskData()), submitTime };
      await own.create(task);
      return task.id;
    };
    // The first create of a process trims: an entry older than the TTL goes at once.
    const expired = await aged(dayAgo - 60_000);
    expect(await redis.zscore(index, expired)).toBeNull();
    // Within the interval nothing is trimmed; the index still lists only what exists or is due.
    const stale = await aged(dayAgo - 60_000);
    expect(await redis.zscore(index, stale)).not.toBeNull();
    expect(await redis.hget(own.keys.task(stale), '_rev')).toBe('1');
    await dropPrefix(redis, trimPrefix);
  });

  it('refuses updates of unknown tasks', async () => {
    expect(await store.update('999', { status: 'SUCCESS' })).toBeUndefined();
    expect(await redis.exists(store.keys.task('999'))).toBe(0);
  });

  it('maps messages and nonces to tasks', async () => {
    await store.linkMessage('1300000000000000101', '42');
    await store.linkNonce('1290000000000000000', '42');
    expect(await store.findByMessage('1300000000000000101')).toBe('42');
    expect(await store.findByNonce('1290000000000000000')).toBe('42');
    expect(await store.findByMessage('1')).toBeUndefined();
  });
});

describe('modal input and children', () => {
  it('records the modal text once, and only for a task in MODAL', async () => {
    const task = await newTask('SUBMITTED');
    expect(await store.submitModal(task.id, 'a new prompt')).toBe('not_modal');
    await store.update(task.id, {
      status: 'MODAL',
      fields: { modal: { interactionId: '1234567890123456789', customId: 'MJ::RemixModal::h::1::1', inputId: 'MJ::RemixModal::new_prompt' } },
    });
    expect(await store.submitModal(task.id, 'a "quoted" / prompt')).toBe('ok');
    expect(await store.submitModal(task.id, 'another')).toBe('already_submitted');
    const stored = await store.get(task.id);
    expect(stored?.modal).toEqual({
      interactionId: '1234567890123456789',
      customId: 'MJ::RemixModal::h::1::1',
      inputId: 'MJ::RemixModal::new_prompt',
      prompt: 'a "quoted" / prompt',
    });
    expect(await store.submitModal('999999999', 'x')).toBe('unknown');
  });

  it('indexes interactions and the children of a message', async () => {
    const parent = await newTask('SUCCESS');
    const a = await newTask();
    const b = await newTask();
    await store.addChild('1100000000000000001', a.id);
    await store.addChild('1100000000000000001', b.id);
    expect((await store.children('1100000000000000001')).sort()).toEqual([a.id, b.id].sort());
    await store.linkInteraction('1200000000000000001', parent.id);
    expect(await store.findByInteraction('1200000000000000001')).toBe(parent.id);
    expect(await store.findByInteraction('1200000000000000002')).toBeUndefined();
  });
});

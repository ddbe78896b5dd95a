import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canTransition, TASK_STATUSES } from '../src/task.js';
import { TaskStore } from '../src/task-store.js';
import { readCompactRecord } from '../src/task-record.js';
import { dropPrefix, testPrefix } from '../../../tests/support/redis.js';
import { taskStoreFixture } from './task-store-fixture.js';

// Records, transitions and their callbacks, admission, links between ids. How a task holds an
// account's slot and its idle deadline is task-store-slots.test.ts.

const { prefix, redis, store, newTask, taskData } = taskStoreFixture('store');

describe('TaskStore', () => {
  it('round-trips a task with its JSON fields', async () => {
    const t = await newTask();
    expect(await store.get(t.id)).toEqual(t);
    expect(await store.get('123')).toBeUndefined();
  });

  it('reads a live task with the send its job recorded, keeps that record out of the task and drops it once finished', async () => {
    const t = await newTask('NOT_START');
    const send = { kind: 'send', nonce: 'n-7', at: 1_700_000_000_000, count: 1 };
    await store.patch(t.id, { nonce: 'n-7', _send: send } as object);
    const read = await store.getForSend(t.id);
    expect(read.lastSend).toEqual(send);
    expect(read.task).toEqual({ ...t, nonce: 'n-7' });
    await store.forgetSend(t.id);
    expect((await store.getForSend(t.id)).lastSend).toBeUndefined();
    await store.patch(t.id, { _send: send } as object);
    await store.update(t.id, { status: 'FAILURE', fields: { failReason: 'x' } });
    expect(await store.getForSend(t.id)).toEqual({ task: expect.objectContaining({ status: 'FAILURE' }) });
    const record = readCompactRecord((await redis.getBuffer(store.keys.finishedTask(t.id)))!);
    expect(record.nonce).toBe('"n-7"');
    expect(record._send).toBeUndefined();
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

  it("reads a finished record deflated with zlib's default window (as earlier versions wrote them)", async () => {
    const t = await newTask('NOT_START');
    const finished = await store.update(t.id, { status: 'FAILURE', fields: { failReason: 'x'.repeat(5000), prompt: 'a fox '.repeat(900) } });
    const key = store.keys.finishedTask(t.id);
    const record = readCompactRecord((await redis.getBuffer(key))!);
    await redis.set(key, deflateRawSync(JSON.stringify(record)));
    expect(await store.get(t.id)).toEqual(finished);
  });

  it('hands a finished task\'s compaction to a caller that defers it, and it happens only when that caller starts it', async () => {
    const t = await newTask('SUBMITTED');
    const applied = await store.apply(t.id, { status: 'SUCCESS', fields: { imageUrl: 'http://x/b.png' } }, { deferCompaction: true });
    // Not begun: after a round trip on the same connection the task is still a live hash.
    await redis.ping();
    await store.get(t.id);
    expect(await redis.exists(store.keys.task(t.id))).toBe(1);
    expect(await redis.exists(store.keys.finishedTask(t.id))).toBe(0);
    await applied!.compact!();
    expect(await redis.exists(store.keys.task(t.id))).toBe(0);
    expect(await store.get(t.id)).toEqual(applied!.task);
    // A live task has nothing to compact.
    const live = await newTask('SUBMITTED');
    expect((await store.apply(live.id, { status: 'IN_PROGRESS', progress: 0 }, { deferCompaction: true }))?.compact).toBeUndefined();
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

  it('owes a result copy in the same step as the SUCCESS it belongs to, and not for a refused change', async () => {
    const t = await newTask('IN_PROGRESS', 90);
    const until = Date.now() + 60_000;
    expect(await store.apply(t.id, { status: 'SUCCESS', progress: 100 }, { resultCopyUntil: until })).toBeDefined();
    expect(await redis.zscore(store.keys.resultCopies(), t.id)).toBe(String(until));
    await redis.zrem(store.keys.resultCopies(), t.id);
    // A replay of the same result (another replica, a RESUME) is refused: it owes nothing.
    expect(await store.apply(t.id, { status: 'SUCCESS', progress: 100 }, { resultCopyUntil: until + 1 })).toBeUndefined();
    expect(await redis.zscore(store.keys.resultCopies(), t.id)).toBeNull();
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

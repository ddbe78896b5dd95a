import { describe, expect, it } from 'vitest';
import { MODAL_LIFETIME_MS, TaskStore } from '../src/task-store.js';
import { SlotPool } from '../src/slot-pool.js';
import { takeSlot } from '../../../tests/support/slots.js';
import { taskStoreFixture } from './task-store-fixture.js';

// How a task holds an account's slot and its idle deadline as the store applies its changes.

const { prefix, redis, store, newTask } = taskStoreFixture('store-slots');

describe('TaskStore', () => {
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
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { TaskStore } from '../src/task-store.js';
import { SlotPool } from '../src/slot-pool.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

let redis: Redis;
let store: TaskStore;
let slots: SlotPool;
const prefix = testPrefix('claim');
const LEASE = 60_000;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  slots = new SlotPool(redis, prefix);
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const claim = (taskId: string, accountId: string, concurrency = 1, waitingOn?: string[]) =>
  slots.claim({ taskId, kind: 'send', candidates: [{ id: accountId, concurrency }], waitingOn, leaseMs: LEASE, idleMs: 60_000 });

describe('claiming a task for sending (claim-send.lua)', () => {
  it('claims a NOT_START task once per slot, and refuses a cancelled one without taking a slot', async () => {
    const sent = await storedTask(redis, store);
    const claimed = { result: 'claimed', accountId: 'acct-a', placement: { accountId: 'acct-a', waitingOn: '' } };
    expect(await claim(sent.id, 'acct-a')).toEqual(claimed);
    // A retried job keeps the slot its task holds.
    expect(await claim(sent.id, 'acct-a')).toEqual(claimed);
    expect((await store.get(sent.id))?.accountId).toBe('acct-a');

    const cancelled = await storedTask(redis, store);
    await store.update(cancelled.id, { status: 'CANCEL' });
    expect(await claim(cancelled.id, 'acct-b')).toEqual({ result: 'not_due' });
    expect(await slots.inUse('acct-b')).toBe(0);
    const other = await storedTask(redis, store);
    expect(await claim(other.id, 'acct-a')).toEqual({ result: 'full' });
  });

  it('a retried job keeps its slot on its account, even when another candidate is less busy', async () => {
    const task = await storedTask(redis, store);
    const both = (first: string, second: string) =>
      slots.claim({ taskId: task.id, kind: 'send', candidates: [{ id: first, concurrency: 3 }, { id: second, concurrency: 3 }], leaseMs: LEASE, idleMs: 60_000 });
    const onBusy = await storedTask(redis, store);
    await claim(onBusy.id, 'keep-b', 3);
    // keep-a is the less busy: the first claim takes it; the retry finds it whichever order.
    expect(await both('keep-b', 'keep-a')).toMatchObject({ result: 'claimed', accountId: 'keep-a' });
    await claim((await storedTask(redis, store)).id, 'keep-a', 3);
    await claim((await storedTask(redis, store)).id, 'keep-a', 3);
    expect(await both('keep-b', 'keep-a')).toMatchObject({ result: 'claimed', accountId: 'keep-a' });
    expect([await slots.inUse('keep-a'), await slots.inUse('keep-b')]).toEqual([3, 1]);
  });

  it('a retried job whose lease lapsed holds no slot any more: it claims afresh, and finds a full account full', async () => {
    const task = await storedTask(redis, store);
    const at = (now: number) => slots.claim({ taskId: task.id, kind: 'send', candidates: [{ id: 'lapsed', concurrency: 1 }], leaseMs: LEASE, idleMs: 60_000, now });
    const t0 = Date.now();
    expect(await at(t0)).toMatchObject({ result: 'claimed' });
    // Its lease lapsed; another task took the room meanwhile.
    const other = await storedTask(redis, store);
    expect(await slots.claim({ taskId: other.id, kind: 'send', candidates: [{ id: 'lapsed', concurrency: 1 }], leaseMs: LEASE, idleMs: 60_000, now: t0 + LEASE + 1 })).toMatchObject({ result: 'claimed' });
    expect(await at(t0 + LEASE + 2)).toEqual({ result: 'full' });
  });

  it('a cancel racing the claim: either never sent and no slot, or sent and the slot kept until the job ends', async () => {
    for (let round = 0; round < 50; round++) {
      const account = `acct-race-${round}`;
      const task = await storedTask(redis, store);
      const [claimed, cancelled] = await Promise.all([claim(task.id, account, 3), store.update(task.id, { status: 'CANCEL' })]);
      expect(cancelled?.status).toBe('CANCEL');
      if (claimed.result === 'claimed') {
        // Counted as sent: Midjourney may run it, so its slot stays until the job's end is seen.
        expect(await slots.inUse(account)).toBe(1);
        // Not compacted while its job may still hold the slot: the release reads the account.
        expect(await redis.exists(store.keys.task(task.id))).toBe(1);
        expect(await store.releaseEndedJob(task.id)).toBe(true);
      } else {
        expect(claimed.result).toBe('not_due');
      }
      expect(await slots.inUse(account)).toBe(0);
      expect(await redis.zscore(store.keys.deadlines(), task.id)).toBeNull();
      expect(await redis.exists(store.keys.task(task.id))).toBe(0);
      expect((await store.get(task.id))?.status).toBe('CANCEL');
    }
  });

  it('counts only live leases: a dead holder’s expired lease neither fills the account nor outlives the next claim on it', async () => {
    const dead = await storedTask(redis, store);
    await redis.zadd(store.keys.slots('acct-dead'), Date.now() - 1, dead.id);
    const task = await storedTask(redis, store);
    expect((await claim(task.id, 'acct-dead')).result).toBe('claimed');
    expect(await redis.zrange(store.keys.slots('acct-dead'), 0, -1)).toEqual([task.id]);
  });

  it('keeps `waitingOn` when the job named other sets than the task was admitted into, for its next change to clear', async () => {
    const id = await storedTaskWaiting(['acct-w1', 'acct-w2'], 10);
    // A job of an older version, say, that names one set only.
    const found = await claim(id!, 'acct-w1', 1, ['acct-w1']);
    expect(found).toEqual({ result: 'claimed', accountId: 'acct-w1', placement: { accountId: 'acct-w1', waitingOn: '["acct-w1","acct-w2"]' } });
    expect(await redis.sismember(store.keys.waiting('acct-w1'), id!)).toBe(0);
    expect(await redis.sismember(store.keys.waiting('acct-w2'), id!)).toBe(1);
    const placedStore = new TaskStore(redis, prefix, { ttlDays: 1 });
    if (found.result === 'claimed') placedStore.placed(id!, found.placement);
    expect((await placedStore.update(id!, { status: 'SUBMITTED' }))?.status).toBe('SUBMITTED');
    expect(await redis.sismember(store.keys.waiting('acct-w2'), id!)).toBe(0);
    expect(await redis.hexists(store.keys.task(id!), 'waitingOn')).toBe(0);
  });

  it('hands back the placement the next change checks, so the claimer applies it without reading the task', async () => {
    const id = await storedTaskWaiting(['acct-placed'], 10);
    const found = await claim(id!, 'acct-placed', 1, ['acct-placed']);
    // It left every set it was admitted into: the field goes with the claim, nothing is left for the next change to clear.
    expect(found).toEqual({ result: 'claimed', accountId: 'acct-placed', placement: { accountId: 'acct-placed', waitingOn: '' } });
    expect(await redis.hexists(store.keys.task(id!), 'waitingOn')).toBe(0);
    if (found.result !== 'claimed') return;
    const reads: string[] = [];
    const monitor = await redis.duplicate().monitor();
    const marker = `end-of-test-${id}`;
    const seenAll = new Promise<void>((resolve) =>
      // Commands of the caller's own, not those its scripts run; up to the marker sent last.
      monitor.on('monitor', (_time: string, args: string[], source: string) => {
        if (String(args[0]).toLowerCase() === 'echo' && args[1] === marker) resolve();
        else if (source !== 'lua') reads.push(String(args[0]).toLowerCase());
      }),
    );
    const placedStore = new TaskStore(redis, prefix, { ttlDays: 1 });
    placedStore.placed(id!, found.placement);
    expect((await placedStore.update(id!, { status: 'SUBMITTED' }))?.status).toBe('SUBMITTED');
    expect(await redis.sismember(store.keys.waiting('acct-placed'), id!)).toBe(0);
    await redis.echo(marker);
    await seenAll;
    monitor.disconnect();
    expect(reads).toContain('evalsha');
    expect(reads.filter((c) => c === 'hmget' || c === 'hget' || c === 'hgetall')).toEqual([]);
  });

  it('a finished task frees its slot with its terminal change; releaseEndedJob then finds nothing', async () => {
    const task = await storedTask(redis, store);
    await claim(task.id, 'acct-done');
    await store.update(task.id, { status: 'SUCCESS' });
    expect(await slots.inUse('acct-done')).toBe(0);
    expect(await store.releaseEndedJob(task.id)).toBe(false);
    // A live task's slot is never released this way.
    const live = await storedTask(redis, store);
    await claim(live.id, 'acct-live');
    expect(await store.releaseEndedJob(live.id)).toBe(false);
    expect(await slots.inUse('acct-live')).toBe(1);
  });
});

describe('admission per account pool (create-task.lua)', () => {
  it('admits a relax task while the fast account’s queue is full, and frees room once a task is claimed', async () => {
    const fast = ['pool-fast'];
    const relax = ['pool-relax'];
    const created = [];
    for (let i = 0; i < 2; i++) created.push(await storedTaskWaiting(fast, 2));
    expect(created.every(Boolean)).toBe(true);
    expect(await storedTaskWaiting(fast, 2)).toBeUndefined();
    // Not held up by the fast queue: its own accounts have room.
    expect(await storedTaskWaiting(relax, 2)).toBeDefined();
    // A task that may run on both counts the waiting of both.
    expect(await storedTaskWaiting([...fast, ...relax], 3)).toBeUndefined();
    // Claimed = no longer waiting: room again.
    expect((await claim(created[0]!, 'pool-fast', 3, fast)).result).toBe('claimed');
    expect(await storedTaskWaiting(fast, 2)).toBeDefined();
    // A cancel before the claim also leaves the queue.
    await store.update(created[1]!, { status: 'CANCEL' });
    expect(await redis.scard(store.keys.waiting('pool-fast'))).toBe(1);
  });
});

async function storedTaskWaiting(waitingFor: string[], maxWaiting: number): Promise<string | undefined> {
  let id: string | undefined;
  await storedTask(redis, { keys: store.keys, create: async (task) => {
    id = (await store.create(task, { maxWaiting, waitingFor })) ? task.id : undefined;
    return id !== undefined;
  } });
  return id;
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import {
  CallbackOutbox,
  CallbackQueue,
  createLogger,
  createRedis,
  QUEUE_NAMES,
  redisKeys,
  TaskEventPublisher,
  TaskStore,
  type CallbackJob,
  type Task,
} from '@mjq/common';
import { CallbackRelay } from '../src/callback-relay.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

// A publisher that dies between `store.apply` and recording the callback must not cost the callback.
const prefix = testPrefix('relay');
let redis: Redis;
let queue: Queue<CallbackJob>;
let store: TaskStore;
let outbox: CallbackOutbox;
let pending: CallbackQueue;
let events: TaskEventPublisher;
let relay: CallbackRelay;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  queue = new Queue<CallbackJob>(QUEUE_NAMES.callback, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  outbox = CallbackOutbox.forQueue(queue);
  pending = CallbackQueue.forQueue(queue);
  events = new TaskEventPublisher(queue, 'http://127.0.0.1:9/cb');
  relay = new CallbackRelay({ outbox, events, pending, redis, keys: redisKeys(prefix), log: createLogger('test', 'silent'), graceMs: 10_000, everyMs: 60_000 });
});
afterAll(async () => {
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const newTask = (): Promise<Task> => storedTask(redis, store);

const later = () => Date.now() + 60_000;

describe('callback outbox and relay', () => {
  it('keeps a change whose callback was never recorded, and the relay records it from the snapshot', async () => {
    const task = await newTask();
    expect(await store.update(task.id, { status: 'SUBMITTED' })).toBeDefined();
    // The publisher "crashes" right after this change: nothing is recorded.
    const applied = await store.apply(task.id, { status: 'SUCCESS', progress: 100, fields: { messageId: '1300000000000000001', finishTime: Date.now() } });
    expect(await outbox.overdue(0, 100, later())).toContainEqual({ taskId: task.id, revision: applied!.revision });
    // Within the grace its own publisher may still be at it: the relay waits.
    expect(await relay.runOnce(Date.now())).toBe(0);

    expect(await relay.runOnce(later())).toBe(1);
    const [recorded, ...more] = await pending.pending(task.id);
    expect(more).toEqual([]);
    expect(recorded).toMatchObject({ taskId: task.id, event: 'end', revision: applied!.revision, body: { type: 'end', trigger_id: task.id, status: 'SUCCESS', id: '1300000000000000001' } });
    expect(await outbox.overdue(0, 100, later())).not.toContainEqual({ taskId: task.id, revision: applied!.revision });
    expect(await relay.runOnce(later())).toBe(0);
  });

  it('records only changes a callback reports, and forgets them once published', async () => {
    const task = await newTask();
    const submitted = await store.apply(task.id, { status: 'SUBMITTED' });
    const started = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 0 });
    const pending = await outbox.overdue(0, 100, later());
    expect(pending).not.toContainEqual({ taskId: task.id, revision: submitted!.revision });
    expect(pending).toContainEqual({ taskId: task.id, revision: started!.revision });
    await events.publish('start', started!);
    expect(await outbox.overdue(0, 100, later())).not.toContainEqual({ taskId: task.id, revision: started!.revision });
  });

  it('never doubles a callback its slow publisher records after the relay did, nor one already delivered', async () => {
    const task = await newTask();
    await store.update(task.id, { status: 'SUBMITTED' });
    const applied = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 0 });
    // The publisher stalls past the grace: the relay records the callback first.
    expect(await relay.runOnce(later())).toBe(1);
    await events.publish('start', applied!);
    expect((await pending.pending(task.id)).map((c) => c.revision)).toEqual([applied!.revision]);
    // Delivered (a deliverer claims the task and settles it), then a third publish of the same change.
    const token = CallbackQueue.newToken();
    const claimed = await pending.claim(task.id, token, '');
    expect(claimed).toMatchObject({ entry: { revision: applied!.revision, event: 'start' }, pending: 1 });
    expect(await pending.next(task.id, token, applied!.revision)).toBe('empty');
    await events.publish('start', applied!);
    expect(await pending.pending(task.id)).toEqual([]);
    expect(await pending.due(later())).not.toContain(task.id);
  });

  it('drops a lost progress step the task has moved past, never a lost terminal one', async () => {
    const task = await newTask();
    await store.update(task.id, { status: 'SUBMITTED' });
    const progress = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 31 });
    const end = await store.apply(task.id, { status: 'SUCCESS', progress: 100 });
    // Both publishers "crashed".
    expect(await relay.runOnce(later())).toBe(1);
    expect((await pending.pending(task.id)).map((c) => [c.revision, c.event])).toEqual([[end!.revision, 'end']]);
    expect(progress!.revision).toBeLessThan(end!.revision);
    const overdue = await outbox.overdue(0, 100, later());
    expect(overdue.filter((e) => e.taskId === task.id)).toEqual([]);
  });

  it('gives a change its task\'s lease only while nothing is recorded, and a delivered one the relay recorded meanwhile is settled, not sent again', async () => {
    const task = await newTask();
    await store.update(task.id, { status: 'SUBMITTED' });
    const token = CallbackQueue.newToken();
    const lease = { token, defaultUrl: true };
    const started = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 0 }, { callbackLease: lease });
    expect(started!.callbackLease).toBe(token);
    // Its holder may ask again (a change queued behind the one on its way); anyone else may not.
    const other = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 20 }, { callbackLease: { token: CallbackQueue.newToken(), defaultUrl: true } });
    expect(other!.callbackLease).toBeUndefined();
    // The receiver is slow: past the grace, the relay records the first one while it is on its way.
    expect(await relay.runOnce(later())).toBeGreaterThanOrEqual(1);
    expect((await pending.pending(task.id)).map((c) => c.revision)).toContain(started!.revision);
    const mine = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 40 }, { callbackLease: lease });
    // Recorded callbacks exist now: every later change is recorded and delivered in order.
    expect(mine!.callbackLease).toBeUndefined();
    // Delivered: settling forgets it; the recorded ones after it come next, under the same lease.
    const next = await pending.settle(task.id, token, started!.revision, `${task.id}:${started!.revision}`);
    expect(next).not.toBe('lost');
    expect(next === 'empty' ? undefined : next.entry.revision).not.toBe(started!.revision);
    expect((await pending.pending(task.id)).map((c) => c.revision)).not.toContain(started!.revision);
  });

  it('takes no lease for a task with no callback URL anywhere', async () => {
    const task = await newTask();
    await store.update(task.id, { status: 'SUBMITTED' });
    const applied = await store.apply(task.id, { status: 'IN_PROGRESS', progress: 0 }, { callbackLease: { token: CallbackQueue.newToken(), defaultUrl: false } });
    expect(applied!.callbackLease).toBeUndefined();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { SlotWakeups } from '../src/slot-wakeups.js';
import { TaskStore } from '../src/task-store.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { takeSlot } from '../../../tests/support/slots.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

const prefix = testPrefix('wakeups');
let redis: Redis;
let wakeups: SlotWakeups;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  wakeups = new SlotWakeups(redis, prefix);
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

describe('SlotWakeups', () => {
  it('wakes the oldest waiter of the account, skipping jobs that can no longer be promoted', async () => {
    await wakeups.park('job-a', ['x', 'y'], 1000);
    await wakeups.park('job-b', ['x'], 2000);
    await wakeups.park('job-c', ['x'], 3000);
    await wakeups.park('job-a', ['x'], 4000); // parked again: keeps its place
    const tried: string[] = [];
    const woken = await wakeups.wakeOne('x', async (id) => {
      tried.push(id);
      return id !== 'job-a'; // job-a already ran
    });
    expect(woken).toBe('job-b');
    expect(tried).toEqual(['job-a', 'job-b']);
    await wakeups.unpark('job-a', ['y']);
    expect(await wakeups.wakeOne('y', async () => true)).toBeUndefined();
    expect(await wakeups.wakeOne('x', async () => true)).toBe('job-c');
    expect(await wakeups.wakeOne('x', async () => true)).toBeUndefined();
  });

  it('hears the task store free a slot when the task ends', async () => {
    const store = new TaskStore(redis, prefix, { ttlDays: 1 });
    const { id } = await storedTask(redis, store);
    expect(await takeSlot(redis, prefix, id, [{ id: 'acct-1', concurrency: 1 }], 60_000)).toBe('acct-1');
    await store.patch(id, { accountId: 'acct-1' });
    await store.update(id, { status: 'SUBMITTED' });

    const subscriber = createRedis(testRedisUrl(), 'worker');
    await subscriber.subscribe(wakeups.channel);
    const heard = new Promise<string>((resolve) => subscriber.on('message', (_c: string, account: string) => resolve(account)));
    await store.update(id, { status: 'SUCCESS' });
    expect(await heard).toBe('acct-1');
    await subscriber.quit();
  });
});

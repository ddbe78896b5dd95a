import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { accountSchema, createRedis, QUEUE_NAMES, redisKeys, SlotPool, SlotWakeups, type Account, type TriggerJob } from '@mjq/common';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { promoteToHead, slotHandOver, wakeForFreeSlots } from '../src/slot-wake-sweep.js';

let redis: Redis;
const prefix = testPrefix('wake-sweep');
const keys = redisKeys(prefix);

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const account = (id: string, concurrency: number, enabled = true): Account =>
  accountSchema.parse({ id, guildId: '100000000000000001', channelId: '100000000000000002', concurrency, enabled });

describe('wakeForFreeSlots', () => {
  it('wakes, oldest first, as many parked jobs as each enabled account has free slots — and no more', async () => {
    const slots = new SlotPool(redis, prefix);
    const wakeups = new SlotWakeups(redis, prefix);
    const now = Date.now();
    // `roomy`: 3 slots, 1 held (live) and 1 expired lease (a holder that died): 2 free.
    await redis.zadd(keys.slots('roomy'), now + 60_000, 'held', now - 1, 'dead');
    // `full`: 1 slot, held. `off`: disabled, with room.
    await redis.zadd(keys.slots('full'), now + 60_000, 'busy');
    for (const [i, job] of ['r1', 'r2', 'r3'].entries()) await wakeups.park(job, ['roomy'], now + i);
    await wakeups.park('f1', ['full'], now);
    await wakeups.park('o1', ['off'], now);
    const promoted: string[] = [];
    const woken = await wakeForFreeSlots(
      {
        accounts: async () => [account('roomy', 3), account('full', 1), account('off', 2, false)],
        slots,
        // Nobody waits in this process; r1 ran meanwhile: the next one goes.
        handOver: slotHandOver(() => false, wakeups, async (jobId) => (promoted.push(jobId), jobId !== 'r1')),
      },
      now,
    );
    expect(promoted).toEqual(['r1', 'r2', 'r3']);
    expect(woken).toBe(2);
    expect(await redis.zrange(keys.slotWaiters('full'), 0, -1)).toEqual(['f1']);
    expect(await redis.zrange(keys.slotWaiters('off'), 0, -1)).toEqual(['o1']);
  });

  it('hands a free slot to a job waiting in this process before it wakes a parked one', async () => {
    const wakeups = new SlotWakeups(redis, prefix);
    await wakeups.park('p1', ['local'], Date.now());
    await wakeups.park('p2', ['local'], Date.now() + 1);
    const offered: string[] = [];
    let localWaiters = 1;
    const promoted: string[] = [];
    const woken = await wakeForFreeSlots({
      accounts: async () => [account('local', 2)],
      slots: new SlotPool(redis, prefix),
      handOver: slotHandOver(
        (id) => (offered.push(id), localWaiters-- > 0),
        wakeups,
        async (jobId) => (promoted.push(jobId), true),
      ),
    });
    expect(woken).toBe(2);
    expect(offered).toEqual(['local', 'local']);
    expect(promoted).toEqual(['p1']);
    expect(await redis.zrange(keys.slotWaiters('local'), 0, -1)).toEqual(['p2']);
  });
});

describe('promoteToHead', () => {
  it('puts a woken job where the next fetch takes it, ahead of the jobs queued while it slept', async () => {
    const queue = new Queue<TriggerJob>(QUEUE_NAMES.trigger, { connection: redis.duplicate(), prefix: keys.bullPrefix });
    await queue.add('trigger', { taskId: '7' }, { jobId: 'parked', delay: 60_000 });
    for (let i = 0; i < 5; i++) await queue.add('trigger', { taskId: String(i) }, { jobId: `queued-${i}` });
    const promote = promoteToHead(queue);
    expect(await promote('parked')).toBe(true);
    // BullMQ takes the next job from the list's right end (RPOPLPUSH).
    expect(await redis.lindex(`${keys.bullPrefix}:${QUEUE_NAMES.trigger}:wait`, -1)).toBe('parked');
    expect(await queue.getJobCountByTypes('wait')).toBe(6);
    // Not delayed any more (it ran, or is gone): nothing to wake.
    expect(await promote('parked')).toBe(false);
    expect(await promote('missing')).toBe(false);
    await queue.close();
  });
});

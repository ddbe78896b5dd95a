import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountCommandStore, AccountRegistry, createLogger, createRedis, QUEUE_NAMES, redisKeys, type AccountCommandJob } from '@mjq/common';
import { AccountInfoScheduler } from '../src/account-info-scheduler.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('info-scheduler');
let redis: Redis;
let other: Redis;
let queue: Queue<AccountCommandJob>;

const account = (id: string, enabled = true) => ({ id, guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: `token-of-${id}`, enabled });

beforeAll(async () => {
  redis = createRedis(testRedisUrl(), 'worker');
  other = createRedis(testRedisUrl(), 'worker');
  queue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  const registry = new AccountRegistry(redis, prefix);
  await registry.putConfigured([account('a'), account('b'), account('off', false)]);
});
afterAll(async () => {
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
  await other.quit();
});

/** A dispatcher replica's scheduler: its own connection, the same keys and queue. */
const replica = (connection: Redis) =>
  new AccountInfoScheduler({
    requests: new AccountCommandStore(connection, prefix),
    registry: new AccountRegistry(connection, prefix),
    queue,
    log: createLogger('test', 'silent'),
    intervalMs: 60_000,
  });

describe('AccountInfoScheduler', () => {
  it('asks /info once per enabled account and period, however many replicas tick together', async () => {
    const [first, second] = await Promise.all([replica(redis).tick(), replica(other).tick()]);
    expect([...first, ...second].sort()).toEqual(['a', 'b']);
    expect(await replica(redis).tick()).toEqual([]);
    const jobs = await queue.getJobs(['waiting', 'delayed']);
    expect(jobs).toHaveLength(2);
    const requests = new AccountCommandStore(redis, prefix);
    const specs = await Promise.all(jobs.map(async (j) => (await requests.get(j.data.requestId))?.spec));
    expect(specs.map((s) => [s?.accountId, s?.command, s?.origin]).sort()).toEqual([
      ['a', 'info', 'periodic'],
      ['b', 'info', 'periodic'],
    ]);
    // The claim lasts the period (±10 %), then the next one may be taken.
    const ttl = await redis.pttl(redisKeys(prefix).accountInfoDue('a'));
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(66_000);
  });
});

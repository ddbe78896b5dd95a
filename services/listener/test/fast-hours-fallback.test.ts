import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountCommandStore, AccountRegistry, createLogger, createRedis, QUEUE_NAMES, redisKeys, type AccountCommandJob, type AccountInfo } from '@mjq/common';
import { FastHoursFallback, planFallback } from '../src/fast-hours-fallback.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const info = (hours: number): AccountInfo => ({ fastTimeRemaining: { hours, totalHours: 15 }, raw: {}, readAt: 1 });

describe('planFallback', () => {
  it('relax when fast hours are gone, unless the account forbids it or is in relax already', () => {
    expect(planFallback({ mode: 'fast', relaxFallback: true }, {}, info(0))).toEqual({ to: 'relax', from: 'fast' });
    expect(planFallback({ mode: 'turbo', relaxFallback: true }, {}, info(0))).toEqual({ to: 'relax', from: 'turbo' });
    expect(planFallback({ mode: 'fast', relaxFallback: false }, {}, info(0))).toBeUndefined();
    expect(planFallback({ mode: 'relax', relaxFallback: true }, {}, info(0))).toBeUndefined();
    expect(planFallback({ mode: 'fast', relaxFallback: true }, {}, { raw: {}, readAt: 1 })).toBeUndefined();
  });

  it('back to the earlier mode once hours return, only when mjq itself moved the account', () => {
    expect(planFallback({ mode: 'relax', relaxFallback: true }, { relaxedFrom: 'turbo' }, info(3))).toEqual({ to: 'turbo', from: 'relax' });
    expect(planFallback({ mode: 'relax', relaxFallback: true }, {}, info(3))).toBeUndefined();
    expect(planFallback({ mode: 'fast', relaxFallback: true }, { relaxedFrom: 'fast' }, info(3))).toBeUndefined();
  });
});

describe('FastHoursFallback', () => {
  const prefix = testPrefix('fast-fallback');
  let redis: Redis;
  let queue: Queue<AccountCommandJob>;
  let registry: AccountRegistry;
  let requests: AccountCommandStore;
  let fallback: FastHoursFallback;

  beforeAll(async () => {
    redis = createRedis(testRedisUrl(), 'worker');
    queue = new Queue<AccountCommandJob>(QUEUE_NAMES.accountCommand, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
    registry = new AccountRegistry(redis, prefix);
    requests = new AccountCommandStore(redis, prefix);
    fallback = new FastHoursFallback({ registry, requests, queue, log: createLogger('test', 'silent') });
    await registry.put({ id: 'acct', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'token-of-acct' });
  });
  afterAll(async () => {
    await queue.close();
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  const sent = async () => {
    const jobs = await queue.getJobs(['waiting']);
    const specs = await Promise.all(jobs.map(async (j) => (await requests.get(j.data.requestId))!.spec));
    return specs.map((s) => `${s.command}/${s.origin}`).sort();
  };

  it('moves the account and Midjourney to relax, then back, remembering why', async () => {
    await fallback.onInfo('acct', info(0));
    expect((await registry.get('acct'))?.mode).toBe('relax');
    expect(await requests.observed('acct')).toEqual({ relaxedFrom: 'fast' });
    expect(await sent()).toEqual(['relax/fallback']);
    await fallback.onInfo('acct', info(0));
    expect(await sent()).toEqual(['relax/fallback']);
    await fallback.onInfo('acct', info(14));
    expect((await registry.get('acct'))?.mode).toBe('fast');
    expect(await requests.observed('acct')).toEqual({});
    expect(await sent()).toEqual(['fast/fallback', 'relax/fallback']);
  });
});

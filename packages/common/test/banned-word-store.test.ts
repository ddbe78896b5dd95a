import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { BannedWordStore } from '../src/banned-word-store.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('banned');
let redis: Redis;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('BannedWordStore', () => {
  it('starts from the shipped default list', async () => {
    const store = new BannedWordStore(redis, prefix);
    expect(await store.match('a nude figure')).toEqual(['nude']);
    expect(await store.match('a class photo')).toEqual([]);
    expect((await store.list()).words).toContain('blood bath');
  });

  it('hot-reloads an edit made through another replica', async () => {
    // The refresh period runs on a fake clock (Date only: Redis works as usual).
    vi.useFakeTimers({ toFake: ['Date'] });
    const replicaA = new BannedWordStore(redis, prefix, 50);
    const replicaB = new BannedWordStore(redis, prefix, 50);
    expect(await replicaA.match('a Purple Elephant')).toEqual([]);
    await replicaB.edit(['purple  elephant!'], ['nude']);
    vi.advanceTimersByTime(60); // past replica A's refresh period
    expect(await replicaA.match('a Purple Elephant')).toEqual(['purple elephant']);
    expect(await replicaA.match('a nude figure')).toEqual([]);
    await replicaB.replace(['zebra']);
    vi.advanceTimersByTime(60);
    expect(await replicaA.match('a purple elephant and a zebra')).toEqual(['zebra']);
    expect((await replicaA.list()).words).toEqual(['zebra']);
  });
});

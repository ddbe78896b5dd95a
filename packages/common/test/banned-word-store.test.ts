import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe('BannedWordStore', () => {
  it('starts from the shipped default list', async () => {
    const store = new BannedWordStore(redis, prefix);
    expect(await store.match('a nude figure')).toEqual(['nude']);
    expect(await store.match('a class photo')).toEqual([]);
    expect((await store.list()).words).toContain('blood bath');
  });

  it('hot-reloads an edit made through another replica', async () => {
    const replicaA = new BannedWordStore(redis, prefix, 50);
    const replicaB = new BannedWordStore(redis, prefix, 50);
    expect(await replicaA.match('a Purple Elephant')).toEqual([]);
    await replicaB.edit(['purple  elephant!'], ['nude']);
    await new Promise((r) => setTimeout(r, 60));
    expect(await replicaA.match('a Purple Elephant')).toEqual(['purple elephant']);
    expect(await replicaA.match('a nude figure')).toEqual([]);
    await replicaB.replace(['zebra']);
    await new Promise((r) => setTimeout(r, 60));
    expect(await replicaA.match('a purple elephant and a zebra')).toEqual(['zebra']);
    expect((await replicaA.list()).words).toEqual(['zebra']);
  });
});

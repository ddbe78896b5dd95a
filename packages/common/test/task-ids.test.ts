import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { Redis } from 'ioredis';
import { composeTaskId, TaskIds } from '../src/ids.js';
import { testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const redis = new Redis(testRedisUrl());
afterAll(() => redis.quit());
afterEach(() => vi.useRealTimers());

describe('TaskIds', () => {
  it('gives unique, growing ids to concurrent callers from one counter reservation per 256', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_000);
    const key = `${testPrefix('task-ids')}:task-seq`;
    const ids = new TaskIds(redis, key);
    const got = await Promise.all(Array.from({ length: 600 }, () => ids.next()));
    expect(new Set(got).size).toBe(600);
    const sorted = [...got].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1));
    expect(got).toEqual(sorted);
    // Three blocks (256 + 256 + 88 of the last): three INCRBYs, not 600 INCRs.
    expect(Number(await redis.get(key))).toBe(768);
    expect(got[0]).toBe(composeTaskId(1_800_000_000_000, 1));
    await redis.del(key);
  });

  it('uses a block for a second at most: then reserves another', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(1_800_000_000_000);
    const key = `${testPrefix('task-ids-age')}:task-seq`;
    const ids = new TaskIds(redis, key);
    // Another replica's block comes first.
    await redis.incrby(key, 256);
    expect(await ids.next()).toBe(composeTaskId(1_800_000_000_000, 257));
    vi.setSystemTime(1_800_000_000_999);
    expect(await ids.next()).toBe(composeTaskId(1_800_000_000_999, 258));
    vi.setSystemTime(1_800_000_001_000);
    expect(await ids.next()).toBe(composeTaskId(1_800_000_001_000, 513));
    expect(Number(await redis.get(key))).toBe(768);
    await redis.del(key);
  });
});

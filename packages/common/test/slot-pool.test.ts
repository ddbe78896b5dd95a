import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { SlotPool } from '../src/slot-pool.js';
import { AccountRegistry } from '../src/account-registry.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('slots');
let redis: Redis;
let pool: SlotPool;

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  pool = new SlotPool(redis, prefix);
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const A = { id: 'a', concurrency: 2 };
const B = { id: 'b', concurrency: 1 };

describe('SlotPool', () => {
  it('fills the least busy account first and refuses when every slot is taken', async () => {
    expect(await pool.acquire('t1', [A, B], 60_000)).toBe('a');
    expect(await pool.acquire('t2', [A, B], 60_000)).toBe('b');
    expect(await pool.acquire('t3', [A, B], 60_000)).toBe('a');
    expect(await pool.acquire('t4', [A, B], 60_000)).toBeUndefined();
    expect(await pool.inUse('a')).toBe(2);
    expect(await pool.inUse('b')).toBe(1);
  });

  it('gives a retried task the slot it already holds', async () => {
    expect(await pool.acquire('t2', [A, B], 60_000)).toBe('b');
    expect(await pool.inUse('b')).toBe(1);
  });

  it('frees a slot on release and reuses it', async () => {
    await pool.release('a', 't1');
    expect(await pool.acquire('t5', [A, B], 60_000)).toBe('a');
  });

  it('reclaims expired leases (a holder that died)', async () => {
    const now = Date.now();
    expect(await pool.acquire('t6', [{ id: 'c', concurrency: 1 }], 1000, now)).toBe('c');
    expect(await pool.acquire('t7', [{ id: 'c', concurrency: 1 }], 1000, now + 500)).toBeUndefined();
    await pool.renew('c', 't6', 1000, now + 900);
    expect(await pool.acquire('t7', [{ id: 'c', concurrency: 1 }], 1000, now + 1500)).toBeUndefined();
    expect(await pool.acquire('t7', [{ id: 'c', concurrency: 1 }], 1000, now + 2000)).toBe('c');
  });

  it('never overbooks under concurrent acquires', async () => {
    const D = { id: 'd', concurrency: 3 };
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => pool.acquire(`c${i}`, [D], 60_000)));
    expect(results.filter(Boolean)).toHaveLength(3);
    expect(await pool.inUse('d')).toBe(3);
  });
});

describe('AccountRegistry', () => {
  it('keeps tokens apart from the public record and keeps admin state on re-seed', async () => {
    const reg = new AccountRegistry(redis, prefix);
    const input = { id: 'main', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'secret-token-123' };
    const acc = await reg.put(input);
    expect(acc).toEqual({ id: 'main', guildId: input.guildId, channelId: input.channelId, concurrency: 3, waitSize: 10, mode: 'fast', relaxFallback: true, enabled: true });
    expect(JSON.stringify(await reg.list())).not.toContain('secret-token-123');
    expect(await reg.token('main')).toBe('secret-token-123');
    await reg.disable('main', 'captcha');
    await reg.put({ ...input, concurrency: 12 }, { keepState: true });
    expect(await reg.get('main')).toMatchObject({ enabled: false, disabledReason: 'captcha', concurrency: 12 });
    expect(await reg.enable('main')).toMatchObject({ enabled: true });
    expect((await reg.get('main'))?.disabledReason).toBeUndefined();
    await expect(reg.put({ ...input, id: 'bad id' })).rejects.toThrow();
  });
});

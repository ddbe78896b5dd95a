import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, redisKeys } from '@mjq/common';
import { SendGate } from '../src/send-gate.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('send-gate');
const keys = redisKeys(prefix);
let left: Redis;
let right: Redis;
// Two dispatcher replicas: their own connections, the same keys.
let replicaA: SendGate;
let replicaB: SendGate;

beforeAll(() => {
  left = createRedis(testRedisUrl(), 'worker');
  right = createRedis(testRedisUrl(), 'worker');
  replicaA = new SendGate(left, prefix, 3);
  replicaB = new SendGate(right, prefix, 3);
});
afterAll(async () => {
  await dropPrefix(left, prefix);
  await left.quit();
  await right.quit();
});

// A fixed clock: 250 ms into a second.
const NOW = 1_700_000_000_250;
const SHORT = 5_000;
const LONG = 60_000;

describe('SendGate.pause', () => {
  it('two replicas pausing at once: the longer pause wins, every round, whoever comes last', async () => {
    for (let round = 0; round < 100; round++) {
      const account = `race-${round}`;
      const short = () => replicaA.pause(account, SHORT);
      const long = () => replicaB.pause(account, LONG);
      await Promise.all(round % 2 ? [short(), long()] : [long(), short()]);
      // Anything above SHORT can only be the long pause (it counts down from LONG).
      expect(await left.pttl(keys.accountPause(account)), `round ${round}`).toBeGreaterThan(SHORT);
    }
  });

  it('many pauses of different lengths from both connections leave the longest', async () => {
    const lengths = [40_000, 90_000, 10_000, 70_000, 100_000, 20_000, 30_000, 80_000, 50_000, 60_000];
    await Promise.all(lengths.map((ms, i) => (i % 2 ? replicaA : replicaB).pause('many', ms)));
    expect(await left.pttl(keys.accountPause('many'))).toBeGreaterThan(90_000);
  });

  it('a later, shorter pause keeps the longer one; a longer one extends it', async () => {
    expect(await replicaA.pause('seq', LONG)).toBe(LONG);
    expect(await replicaB.pause('seq', SHORT)).toBeGreaterThan(SHORT);
    expect(await left.pttl(keys.accountPause('seq'))).toBeGreaterThan(SHORT);
    expect(await replicaB.pause('seq', 2 * LONG)).toBe(2 * LONG);
    expect(await left.pttl(keys.accountPause('seq'))).toBeGreaterThan(LONG);
    expect(await replicaA.pause('seq', 0)).toBe(0);
    expect(await left.pttl(keys.accountPause('seq'))).toBeGreaterThan(LONG);
  });

  it('holds every send of the account while it lasts', async () => {
    await replicaA.pause('held', LONG);
    expect(await replicaB.take('held', NOW)).toBeGreaterThan(SHORT);
    expect(await replicaB.take('free', NOW)).toBe(0);
  });
});

describe('SendGate.take', () => {
  it('lets maxPerSecond sends through per second, then asks to wait for the next second', async () => {
    expect([await replicaA.take('rate', NOW), await replicaB.take('rate', NOW), await replicaA.take('rate', NOW)]).toEqual([0, 0, 0]);
    expect(await replicaB.take('rate', NOW)).toBe(750);
    expect(await replicaA.take('rate', NOW + 1000)).toBe(0);
  });

  it('never lets more than maxPerSecond through under concurrent takes from two replicas', async () => {
    const waits = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? replicaA : replicaB).take('burst', NOW)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w === 750)).toHaveLength(17);
  });
});

describe('SendGate.take with a send record', () => {
  const record = (taskId: string, nonce: string) => ({ taskId, nonce, linkTtlS: 600, fields: { promptFull: 'a fox --v 7', nonce } });

  it('records the prompt, the nonce and its link with a send it lets through, and nothing with one it refuses', async () => {
    await left.hset(keys.task('rec-1'), 'status', '"NOT_START"');
    expect(await replicaA.take('rec', NOW, record('rec-1', 'n-1'))).toBe(0);
    expect(await left.hmget(keys.task('rec-1'), 'promptFull', 'nonce')).toEqual(['"a fox --v 7"', '"n-1"']);
    expect(await left.get(keys.nonceToTask('n-1'))).toBe('rec-1');
    expect(await left.ttl(keys.nonceToTask('n-1'))).toBeGreaterThan(500);

    await left.hset(keys.task('rec-2'), 'status', '"NOT_START"');
    await replicaA.pause('rec', LONG);
    expect(await replicaB.take('rec', NOW, record('rec-2', 'n-2'))).toBeGreaterThan(SHORT);
    expect(await left.hmget(keys.task('rec-2'), 'promptFull', 'nonce')).toEqual([null, null]);
    expect(await left.exists(keys.nonceToTask('n-2'))).toBe(0);
  });

  it('links the nonce but does not bring back the hash of a task that finished meanwhile', async () => {
    expect(await replicaA.take('rec-gone', NOW, record('rec-gone', 'n-3'))).toBe(0);
    expect(await left.exists(keys.task('rec-gone'))).toBe(0);
    expect(await left.get(keys.nonceToTask('n-3'))).toBe('rec-gone');
  });
});

describe('SendGate human pacing', () => {
  it('keeps a jittered gap between two interactions of one account, whichever replica sends', async () => {
    const GAP = 60_000;
    const JITTER = 30_000;
    // Two replicas with the same pacing; the jitter source is fixed so the gap is known exactly.
    const paced = (redis: Redis, random: number) => new SendGate(redis, prefix, 100, { gapMs: GAP, jitterMs: JITTER, random: () => random });
    const [a, b] = [paced(left, 0.5), paced(right, 0.5)];
    const results = await Promise.all([a.take('paced', NOW), b.take('paced', NOW), a.take('paced', NOW), b.take('paced', NOW)]);
    // One goes; every other waits out (most of) the gap of GAP + 0.5 × JITTER the first one started.
    expect(results.filter((w) => w === 0)).toHaveLength(1);
    for (const wait of results.filter((w) => w > 0)) expect(wait).toBeGreaterThan(GAP + JITTER / 2 - 5_000);
    // Another account is not held up.
    expect(await a.take('paced-other', NOW)).toBe(0);
    // Without pacing (tests, benchmarks) nothing is kept between sends.
    expect([await replicaA.take('unpaced', NOW), await replicaB.take('unpaced', NOW)]).toEqual([0, 0]);
  });
});

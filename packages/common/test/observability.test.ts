import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { GatewayHandoffs } from '../src/gateway-handoffs.js';
import { countTerminal, metrics, metricsRegistry } from '../src/metrics.js';
import { checkReadiness } from '../src/readiness.js';
import { createRedis } from '../src/redis.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const finished = async (labels: { action: string; status: string }) =>
  (await metrics.tasksFinished.get()).values.find((v) => v.labels.action === labels.action && v.labels.status === labels.status)?.value ?? 0;

describe('countTerminal', () => {
  it('counts a terminal change with its duration from submit, and ignores any other', async () => {
    const before = await finished({ action: 'UPSCALE', status: 'FAILURE' });
    countTerminal({ action: 'UPSCALE', status: 'IN_PROGRESS', submitTime: 1000 });
    countTerminal({ action: 'UPSCALE', status: 'FAILURE', submitTime: 1000, finishTime: 46_000 });
    expect(await finished({ action: 'UPSCALE', status: 'FAILURE' })).toBe(before + 1);
    const text = await metricsRegistry.getSingleMetricAsString('mjq_task_duration_seconds');
    expect(text).toContain('mjq_task_duration_seconds_sum{action="UPSCALE",status="FAILURE"} 45');
    expect(text).toContain('mjq_task_duration_seconds_bucket{le="60",action="UPSCALE",status="FAILURE"} 1');
    expect(text).toContain('mjq_task_duration_seconds_bucket{le="30",action="UPSCALE",status="FAILURE"} 0');
  });
});

describe('checkReadiness', () => {
  it('is ready only when every check passes; a throwing or hanging check fails alone', async () => {
    expect(await checkReadiness({})).toEqual({ ready: true, checks: {} });
    expect(await checkReadiness({ a: () => true, b: async () => true })).toEqual({ ready: true, checks: { a: true, b: true } });
    const verdict = await checkReadiness(
      {
        ok: () => true,
        down: async () => false,
        throws: () => {
          throw new Error('boom');
        },
        hangs: () => new Promise<boolean>(() => undefined),
      },
      50,
    );
    expect(verdict).toEqual({ ready: false, checks: { ok: true, down: false, throws: false, hangs: false } });
  });
});

describe('GatewayHandoffs', () => {
  const prefix = testPrefix('handoffs');
  let redis: Redis;
  beforeAll(() => {
    redis = createRedis(testRedisUrl(), 'worker');
  });
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  it('gives each handed-over session to one taker, per account, and expires them', async () => {
    const handoffs = new GatewayHandoffs(redis, prefix);
    await handoffs.put('a', { sessionId: 's1', seq: 4, resumeUrl: 'ws://r' });
    await handoffs.put('a', { sessionId: 's2', seq: 9 });
    expect(await handoffs.take('b')).toBeUndefined();
    const taken = await Promise.all([handoffs.take('a'), handoffs.take('a'), handoffs.take('a')]);
    expect(taken.filter(Boolean).map((t) => t!.sessionId).sort()).toEqual(['s1', 's2']);
    await handoffs.put('c', { sessionId: 's3', seq: 1 });
    const ttl = await redis.ttl(`{${prefix}}:gateway-handoff:c`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(120);
  });
});

describe('Redis error counters', () => {
  it('count a failed command by name, but not the NOSCRIPT that ioredis answers with EVAL', async () => {
    const redis = createRedis(testRedisUrl(), 'worker');
    const errors = async (command: string) => (await metrics.redisCommandErrors.get()).values.find((v) => v.labels.command === command)?.value ?? 0;
    const before = { incr: await errors('incr'), evalsha: await errors('evalsha') };
    const key = `{${testPrefix('errors')}}:not-a-number`;
    await redis.set(key, 'x');
    await expect(redis.incr(key)).rejects.toThrow(/not an integer/);
    await expect(redis.evalsha('0'.repeat(40), 0)).rejects.toThrow(/NOSCRIPT/);
    expect(await errors('incr')).toBe(before.incr + 1);
    expect(await errors('evalsha')).toBe(before.evalsha);
    await redis.del(key);
    await redis.quit();
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, loadConfig, QUEUE_NAMES, redisKeys } from '@mjq/common';
import { start, type ApiService } from '../src/service.js';
import { fakeLookup } from '../../../tests/support/fake-lookup.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { apiTestEnv } from './harness.js';

const prefix = testPrefix('cburl');
const env = apiTestEnv(prefix);
// Submit-time checks only resolve names; nothing here connects anywhere.
const dnsLookup = fakeLookup({
  'hooks.example.test': ['93.184.216.34'],
  'internal.example.test': ['10.0.0.7'],
  'metadata.google.internal': ['169.254.169.254'],
  'mixed.example.test': ['93.184.216.34', '192.168.1.20'],
});
let api: ApiService;
let allowing: ApiService;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  api = await start(loadConfig(env), { dnsLookup });
  allowing = await start(loadConfig({ ...env, CALLBACK_ALLOW_HOSTS: '127.0.0.1,10.0.0.0/8' }), { dnsLookup });
  redis = createRedis(testRedisUrl(), 'worker');
  queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
});
afterAll(async () => {
  await api.stop();
  await allowing.stop();
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const imagine = (target: ApiService, callbackUrl: string) =>
  fetch(`${target.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify({ prompt: 'a red fox', callbackUrl }) });

describe('callbackUrl at submit time', () => {
  it.each([
    ['loopback', 'http://127.0.0.1:8080/cb'],
    ['IPv6 loopback', 'http://[::1]:8080/cb'],
    ['the metadata address', 'http://169.254.169.254/latest/meta-data/'],
    ['a metadata host name', 'http://metadata.google.internal/computeMetadata/v1/'],
    ['a name resolving to 10.x', 'https://internal.example.test/cb'],
    ['a name with one private address among public ones', 'https://mixed.example.test/cb'],
    ['CGNAT', 'http://100.64.1.1/cb'],
    ['a name that does not resolve', 'https://nowhere.example.test/cb'],
  ])('refuses %s with 400 CALLBACK_URL_FORBIDDEN and queues nothing', async (_what, url) => {
    const before = await queue.count();
    const res = await imagine(api, url);
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'CALLBACK_URL_FORBIDDEN', details: { callbackUrl: url } });
    expect(await queue.count()).toBe(before);
  });

  it('accepts a public receiver', async () => {
    expect((await imagine(api, 'https://hooks.example.test/cb')).status).toBe(200);
  });

  it('accepts what CALLBACK_ALLOW_HOSTS lists, and only that', async () => {
    expect((await imagine(allowing, 'http://127.0.0.1:9/cb')).status).toBe(200);
    expect((await imagine(allowing, 'https://internal.example.test/cb')).status).toBe(200);
    expect((await imagine(allowing, 'http://169.254.169.254/latest/meta-data/')).status).toBe(400);
  });
});

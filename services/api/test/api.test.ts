import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, jobIds, loadConfig, QUEUE_NAMES, redisKeys, TaskStore } from '@mjq/common';
import { start, type ApiService } from '../src/service.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { apiTestEnv } from './harness.js';

const prefix = testPrefix('api');
let api: ApiService;
let redis: Redis;
let queue: Queue;
let store: TaskStore;

// The seed's single account: the API registers it, and admits tasks against its wait size.
const env = apiTestEnv(prefix, { ADMIN_KEYS: 'admin-key-1', CALLBACK_URL: 'http://127.0.0.1:9/cb' });

beforeAll(async () => {
  api = await start(loadConfig(env));
  redis = createRedis(testRedisUrl(), 'worker');
  queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
});
afterAll(async () => {
  await api.stop();
  await queue.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const post = (path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${api.url}${path}`, { method: 'POST', body, headers });

describe('POST /v1/api/trigger/imagine', () => {
  it('stores the task, enqueues one trigger job and answers in the seed shape', async () => {
    const res = await post('/v1/api/trigger/imagine', JSON.stringify({ prompt: 'a red fox', picurl: 'https://example.com/a.png' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { message: string; trigger_id: string; trigger_type: string };
    expect(body).toMatchObject({ message: 'success', trigger_type: 'generate' });
    expect(body.trigger_id).toMatch(/^\d+$/);
    const job = await queue.getJob(jobIds.trigger(body.trigger_id));
    expect(job?.data).toEqual({ taskId: body.trigger_id, kind: 'send', waitingOn: ['default'] });
    expect(await store.get(body.trigger_id)).toMatchObject({
      status: 'NOT_START',
      action: 'IMAGINE',
      prompt: 'a red fox',
      imageUrls: ['https://example.com/a.png'],
    });
  });

  it('accepts JSON sent without a content type (curl -d)', async () => {
    const res = await post('/v1/api/trigger/imagine', '{"prompt":"a blue fox"}', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(200);
  });

  it.each([
    ['missing prompt', '{}', 'VALIDATION_ERROR'],
    ['empty prompt', '{"prompt":"   "}', 'VALIDATION_ERROR'],
    ['prompt not a string', '{"prompt":42}', 'VALIDATION_ERROR'],
    ['bad picurl', '{"prompt":"x","picurl":"ftp://nope"}', 'VALIDATION_ERROR'],
    ['marker injection', '{"prompt":"<#123#>x"}', 'VALIDATION_ERROR'],
    ['malformed JSON', '{"prompt":', 'INVALID_JSON'],
  ])('%s → 400 %s and nothing enqueued', async (_name, body, code) => {
    const before = await queue.count();
    const res = await post('/v1/api/trigger/imagine', body);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(await res.json()).toMatchObject({ code, message: expect.any(String) });
    expect(await queue.count()).toBe(before);
  });
});

describe('GET /v1/tasks/{id}', () => {
  it('returns 404 with a code for an unknown or malformed id', async () => {
    for (const id of ['1', 'abc']) {
      const res = await fetch(`${api.url}/v1/tasks/${id}`);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
    }
  });
});

describe('ops endpoints', () => {
  it('serves health, readiness, the OpenAPI spec and Swagger UI', async () => {
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
    expect(await (await fetch(`${api.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    const spec = (await (await fetch(`${api.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(spec.paths)).toContain('/v1/api/trigger/imagine');
    const docs = await fetch(`${api.url}/docs/`);
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger-ui');
  });
  it('answers unknown routes with a JSON 404', async () => {
    const res = await fetch(`${api.url}/nope`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('with Redis down', () => {
  it('answers 503 at once instead of hanging', async () => {
    const down = await start(loadConfig({ REDIS_URL: 'redis://127.0.0.1:1', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' }), { redisWaitMs: 100 });
    // "At once" without a stopwatch: with the clock frozen no timeout can ever fire (a command
    // or enqueue timeout, a reconnect, a retry), so an answer that waited for Redis in any form
    // would never come and the test would time out; one that arrives did not wait at all.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    try {
      const res = await fetch(`${down.url}/v1/api/trigger/imagine`, { method: 'POST', body: '{"prompt":"x"}' });
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'REDIS_UNAVAILABLE' });
      expect((await fetch(`${down.url}/v1/tasks/123`)).status).toBe(503);
      expect((await fetch(`${down.url}/readyz`)).status).toBe(503);
    } finally {
      vi.useRealTimers();
      await down.stop();
    }
  });
});

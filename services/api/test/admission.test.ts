import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AccountRegistry, CallbackQueue, createRedis, loadConfig, QUEUE_NAMES, redisKeys, TaskStore } from '@mjq/common';
import { start, type ApiService } from '../src/service.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

const prefix = testPrefix('admission');
let api: ApiService;
let redis: Redis;
let triggers: Queue;
let callbacks: Queue;
let store: TaskStore;
let accounts: AccountRegistry;

const ADMIN = { 'x-admin-key': 'admin-key-1', 'content-type': 'application/json' };

beforeAll(async () => {
  api = await start(
    loadConfig({
      REDIS_URL: testRedisUrl(),
      REDIS_PREFIX: prefix,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      ADMIN_KEYS: 'admin-key-1',
      API_KEYS: 'client-key-1',
      CALLBACK_URL: 'http://127.0.0.1:9/cb',
    }),
  );
  redis = createRedis(testRedisUrl(), 'worker');
  const bull = { connection: redis, prefix: redisKeys(prefix).bullPrefix };
  triggers = new Queue(QUEUE_NAMES.trigger, bull);
  callbacks = new Queue(QUEUE_NAMES.callback, bull);
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  accounts = new AccountRegistry(redis, prefix);
});
afterAll(async () => {
  await api.stop();
  await triggers.close();
  await callbacks.close();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const imagine = (body: object, key = 'client-key-1') =>
  fetch(`${api.url}/v1/api/trigger/imagine`, { method: 'POST', body: JSON.stringify(body), headers: { 'x-api-key': key } });
const admin = (method: string, path: string, body?: object, headers: Record<string, string> = ADMIN) =>
  fetch(`${api.url}/admin${path}`, { method, headers, body: body ? JSON.stringify(body) : undefined });

describe('API keys', () => {
  it('refuses a missing or wrong key with 401 and accepts Bearer and mj-api-secret', async () => {
    expect((await imagine({ prompt: 'x' }, 'nope')).status).toBe(401);
    const none = await fetch(`${api.url}/v1/tasks/1`);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await fetch(`${api.url}/v1/tasks/1`, { headers: { authorization: 'Bearer client-key-1' } })).status).toBe(404);
    expect((await fetch(`${api.url}/v1/tasks/1`, { headers: { 'mj-api-secret': 'client-key-1' } })).status).toBe(404);
    expect((await fetch(`${api.url}/healthz`)).status).toBe(200);
  });
});

describe('admission', () => {
  it('answers 503 NO_ACCOUNT while no account is enabled', async () => {
    const res = await imagine({ prompt: 'a fox' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'NO_ACCOUNT' });
  });

  it('admin API adds accounts without ever returning the token', async () => {
    expect((await admin('GET', '/accounts', undefined, {})).status).toBe(401);
    const body = { id: 'a1', guildId: '1100000000000000001', channelId: '1100000000000000002', userToken: 'very-secret-token', waitSize: 2 };
    const res = await admin('POST', '/accounts', body);
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toContain('very-secret-token');
    expect(JSON.parse(text)).toMatchObject({ id: 'a1', enabled: true, waitSize: 2, concurrency: 3 });
    const list = await admin('GET', '/accounts');
    expect(await list.text()).not.toContain('very-secret-token');
    expect(await accounts.token('a1')).toBe('very-secret-token');
    expect((await admin('POST', '/accounts', { ...body, guildId: 'x' })).status).toBe(400);
  });

  it('refuses with 429 QUEUE_FULL once the wait queue is full, enqueuing nothing', async () => {
    expect((await imagine({ prompt: 'one' })).status).toBe(200);
    expect((await imagine({ prompt: 'two' })).status).toBe(200);
    const before = await triggers.count();
    const res = await imagine({ prompt: 'three' });
    expect(res.status).toBe(429);
    expect(await res.json()).toMatchObject({ code: 'QUEUE_FULL' });
    expect(await triggers.count()).toBe(before);
  });

  it('counts waiting work per account pool: a relax task is admitted while the fast account’s queue is full', async () => {
    const relax = { id: 'a2', guildId: '1100000000000000001', channelId: '1100000000000000003', userToken: 'other-secret-token', waitSize: 2, mode: 'relax' };
    expect((await admin('POST', '/accounts', relax)).status).toBe(201);
    // a1 (fast) still holds its 2 waiting tasks from above.
    expect((await imagine({ prompt: 'fast again', mode: 'fast' })).status).toBe(429);
    expect((await imagine({ prompt: 'relaxed one', mode: 'relax' })).status).toBe(200);
    expect((await imagine({ prompt: 'relaxed two', mode: 'relax' })).status).toBe(200);
    expect((await imagine({ prompt: 'relaxed three', mode: 'relax' })).status).toBe(429);
    // A task either account may run sees both queues full.
    expect((await imagine({ prompt: 'any account' })).status).toBe(429);
    await admin('POST', '/accounts/a2/disable', { reason: 'done with this test' });
  });

  it('asks for a mode only accounts in that mode can serve', async () => {
    const res = await imagine({ prompt: 'x', mode: 'turbo' });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ code: 'NO_ACCOUNT', message: expect.stringContaining('turbo') });
  });

  it('disable and enable through the admin API', async () => {
    expect(await (await admin('POST', '/accounts/a1/disable', { reason: 'maintenance' })).json()).toMatchObject({ enabled: false, disabledReason: 'maintenance' });
    expect((await imagine({ prompt: 'x' })).status).toBe(503);
    expect(await (await admin('POST', '/accounts/a1/enable')).json()).toMatchObject({ enabled: true });
    expect((await admin('POST', '/accounts/nope/enable')).status).toBe(404);
  });
});

describe('prompt parameters', () => {
  it.each([
    ['a fox --v 6 --oref https://s.mj.run/abc', '--oref'],
    ['a fox --chaos 150', '--chaos'],
    ['a fox --frobnicate', '--frobnicate'],
  ])('refuses %j with 400 INVALID_PARAMETER naming %s; nothing is stored or queued', async (prompt, parameter) => {
    const before = await triggers.count();
    const res = await imagine({ prompt });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 'INVALID_PARAMETER', details: { parameter } });
    expect(await triggers.count()).toBe(before);
  });

  it('passes v7 parameters through', async () => {
    const res = await imagine({ prompt: 'a fox --v 7 --draft --oref https://s.mj.run/abc --ow 200 --sref 123 --p --exp 20', mode: 'fast' });
    expect(res.status).not.toBe(400);
  });
});

describe('banned words', () => {
  it('refuses a banned prompt with the matched terms, records it and sends the banned callback', async () => {
    const before = await triggers.count();
    const res = await imagine({ prompt: 'A NUDE figure in a blood-bath' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; details: { terms: string[]; trigger_id: string } };
    expect(body.code).toBe('BANNED_PROMPT');
    // "blood" is banned on its own too (the seed's list): each term found is named.
    expect([...body.details.terms].sort()).toEqual(['blood', 'blood bath', 'nude']);
    expect(await triggers.count()).toBe(before);
    expect(await store.get(body.details.trigger_id)).toMatchObject({ status: 'FAILURE', failCode: 'banned_prompt' });
    // Recorded for the listeners to deliver (the api does not deliver callbacks itself).
    const pending = await CallbackQueue.forQueue(callbacks).pending(body.details.trigger_id);
    expect(pending).toMatchObject([{ event: 'banned', body: { type: 'banned' } }]);
  });

  it('does not flag words that merely contain a banned one', async () => {
    expect((await imagine({ prompt: 'a class photo of an assassin', mode: 'fast' })).status).not.toBe(400);
  });

  it('edits through the admin API take effect', async () => {
    const res = await admin('PATCH', '/banned-words', { add: ['purple elephant'] });
    expect((await res.json()) as { words: string[] }).toMatchObject({ words: expect.arrayContaining(['purple elephant']) });
    // Live within the store's refresh period: poll until this replica refuses the prompt.
    const refused = await pollUntil(
      async () => (await imagine({ prompt: 'a purple elephant' })).status,
      (status) => status === 400,
    );
    expect(refused).toBe(400);
  });
});

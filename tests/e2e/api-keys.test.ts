import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { redisKeys } from '@mjq/common';
import type { Stack } from '@mjq/stack';
import { startE2eStack, type E2eStack } from '../support/e2e-stack.js';
import { pollUntil } from '../support/poll.js';
import { testRedisUrl } from '../support/redis.js';
import { RelayClient } from '../support/relay-client.js';
import { openSse } from '../support/sse-client.js';

const ADMIN = 'admin-secret-0123456789';

let e2e: E2eStack;
let stack: Stack;
let redis: Redis;
let admin: RelayClient;

beforeAll(async () => {
  // No API_KEYS: keys come from the admin API only.
  e2e = await startE2eStack('api-keys', { env: { ADMIN_KEYS: ADMIN } });
  stack = e2e.stack;
  redis = new Redis(testRedisUrl());
  admin = new RelayClient(stack.api.url);
});

afterAll(async () => {
  await e2e?.stop();
  await redis.quit();
});

async function createKey(name: string, limits: Record<string, number> = {}): Promise<{ id: string; client: RelayClient }> {
  const answer = await admin.send('POST', '/admin/api-keys', { name, limits }, { 'x-admin-key': ADMIN });
  expect(answer.status, answer.raw).toBe(201);
  expect(answer.body.key).toMatch(/^mjq_/);
  return { id: answer.body.id, client: new RelayClient(stack.api.url, answer.body.key) };
}

/** The same key sent the other accepted ways. */
const bearer = (c: RelayClient) => ({ authorization: `Bearer ${c.secret}` });

async function imagine(client: RelayClient, prompt: string, notifyHook?: string): Promise<string> {
  const answer = await client.submit('imagine', { prompt, notifyHook });
  expect(answer.body.code, answer.raw).toBe(1);
  return answer.body.result;
}

describe('API keys and tenants', () => {
  it('keys are made, listed without the key, stored hashed, and revoked', async () => {
    const { id, client } = await createKey('acme', { rps: 50 });
    const list = await admin.send('GET', '/admin/api-keys', undefined, { 'x-admin-key': ADMIN });
    const listed = list.body.find((k: { id: string }) => k.id === id);
    expect(listed).toMatchObject({ id, name: 'acme', limits: { rps: 50 } });
    expect(listed.key).toBeUndefined();
    expect(list.raw).not.toContain(client.secret!);
    // Only the hash is in Redis.
    const keys = redisKeys(e2e.prefix);
    expect(JSON.stringify(await redis.hgetall(keys.apiKeys()))).not.toContain(client.secret!);
    expect(JSON.stringify(await redis.hgetall(keys.apiKeyHashes()))).not.toContain(client.secret!);

    expect((await client.send('GET', '/v1/tasks')).status).toBe(200);
    expect((await client.send('GET', '/v1/tasks', undefined, { 'mj-api-secret': '', 'x-api-key': client.secret! })).status).toBe(200);
    expect((await new RelayClient(stack.api.url).send('GET', '/v1/tasks', undefined, bearer(client))).status).toBe(200);
    expect((await admin.send('POST', `/admin/api-keys/${id}/revoke`, {}, { 'x-admin-key': ADMIN })).body.revokedAt).toBeTypeOf('number');
    const after = await client.send('GET', '/v1/tasks');
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('with keys in use, a missing or wrong key is 401 JSON', async () => {
    await createKey('someone');
    for (const client of [new RelayClient(stack.api.url), new RelayClient(stack.api.url, 'mjq_not-a-key-at-all-000000')]) {
      const v1 = await client.send('POST', '/v1/api/trigger/imagine', { prompt: 'a fox' });
      expect(v1.status).toBe(401);
      expect(v1.body.code).toBe('UNAUTHORIZED');
      const mj = await client.submit('imagine', { prompt: 'a fox' });
      expect(mj.status).toBe(401);
      expect(mj.headers['content-type']).toMatch(/application\/json/);
    }
  });

  it("key A's tasks are invisible to key B: fetch, lists and cancel; admin keys see all; the hook only to its owner", async () => {
    const a = await createKey('tenant-a');
    const b = await createKey('tenant-b');
    const hook = `${e2e.receiver.url}?tenant=a`;
    const id = await imagine(a.client, 'a lantern in fog', hook);

    expect((await b.client.fetchTask(id)).status).toBe(404);
    expect((await b.client.send('GET', `/v1/tasks/${id}`)).status).toBe(404);
    const listed = (await b.client.listByCondition([id])).body;
    expect(listed[0]).toMatchObject({ id, status: 'FAILURE', prompt: '' });
    expect((await b.client.send('GET', '/mj/task/list')).body.map((t: { id: string }) => t.id)).not.toContain(id);
    expect((await b.client.send('GET', '/v1/tasks')).body.tasks.map((t: { id: string }) => t.id)).not.toContain(id);
    const cancel = await b.client.send('POST', `/v1/tasks/${id}/cancel`, {});
    expect(cancel.status).toBe(404);
    // A click on A's result by B: the parent is unknown to B.
    const own = await a.client.listByCondition([id]);
    expect(own.body[0].properties.notifyHook).toBe(hook);
    expect((await a.client.send('GET', `/v1/tasks/${id}`)).body).toMatchObject({ id, owner: a.id, callbackUrl: hook });
    expect((await a.client.send('GET', '/v1/tasks')).body.tasks.map((t: { id: string }) => t.id)).toContain(id);

    const asAdmin = new RelayClient(stack.api.url, ADMIN);
    const seen = await asAdmin.send('GET', `/v1/tasks/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.callbackUrl).toBeUndefined();
    expect((await asAdmin.fetchTask(id)).body.properties.notifyHook).toBeUndefined();

    const done = await a.client.untilDone(id);
    expect(done.status).toBe('SUCCESS');
    // Live events too: absent for B; for the admin, without the hook; for A, with it.
    const sseOf = (secret: string) => openSse(`${stack.api.url}/v1/tasks/${id}/events`, { 'x-api-key': secret });
    const forB = await sseOf(b.client.secret!);
    expect(forB.status).toBe(404);
    forB.close();
    for (const [secret, hasHook] of [[ADMIN, false], [a.client.secret!, true]] as const) {
      const sse = await sseOf(secret);
      expect(sse.status).toBe(200);
      await sse.closed;
      expect(sse.events.length).toBeGreaterThan(0);
      expect(sse.events.every((e) => JSON.parse(e.data).callbackUrl === (hasHook ? hook : undefined))).toBe(true);
    }
    const u1 = done.buttons.find((x: { label: string }) => x.label === 'U1');
    expect((await b.client.submit('action', { taskId: id, customId: u1.customId })).body.code).toBe(3);
    expect((await b.client.send('POST', '/v1/api/trigger/action', { trigger_id: id, custom_id: u1.customId })).status).toBe(404);
  });

  it('a key over its requests per second gets 429 with Retry-After', async () => {
    const { client } = await createKey('bursty', { rps: 1 });
    // Ten at once: they cannot all fall in ten different seconds, so some are over the limit.
    const answers = await Promise.all(Array.from({ length: 10 }, () => client.send('GET', '/v1/tasks')));
    const limited = answers.filter((a) => a.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers['retry-after']).toBe('1');
    expect(limited[0]!.body.code).toBe('RATE_LIMITED');
    const mj = await Promise.all(Array.from({ length: 10 }, () => client.listByCondition([])));
    const mjLimited = mj.find((a) => a.status === 429)!;
    expect(mjLimited.headers['retry-after']).toBe('1');
    expect(mjLimited.body).toMatchObject({ code: 23, properties: { error: 'RATE_LIMITED' } });
  });

  it('tasks per day and tasks at once are limited per key', async () => {
    const daily = await createKey('daily', { daily: 1 });
    await daily.client.untilDone(await imagine(daily.client, 'one a day'));
    const second = await daily.client.submit('imagine', { prompt: 'two a day' });
    expect(second.status).toBe(429);
    expect(second.body).toMatchObject({ code: 23, properties: { error: 'KEY_LIMIT' } });

    // A remix click waits in MODAL for its text: a task of the key that is not finished, for as long as the test needs.
    const atOnce = await createKey('at-once', { concurrent: 1 });
    const sandbox = stack.sandbox!;
    const grid = await atOnce.client.untilDone(await imagine(atOnce.client, 'first of two'));
    await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: true }) });
    try {
      const v1 = grid.buttons.find((x: { label: string }) => x.label === 'V1');
      const click = await atOnce.client.send('POST', '/v1/api/trigger/action', { trigger_id: grid.id, custom_id: v1.customId });
      expect(click.status, click.raw).toBe(200);
      const waiting = click.body.trigger_id as string;
      await pollUntil(async () => (await atOnce.client.send('GET', `/v1/tasks/${waiting}`)).body.status, (s) => s === 'MODAL');
      const refused = await atOnce.client.send('POST', '/v1/api/trigger/imagine', { prompt: 'second of two' });
      expect(refused.status).toBe(429);
      expect(refused.body.code).toBe('KEY_LIMIT');
      expect((await atOnce.client.send('POST', `/v1/tasks/${waiting}/cancel`, {})).body.status).toBe('CANCEL');
    } finally {
      await fetch(`${sandbox.url}/_sandbox/remix`, { method: 'POST', body: JSON.stringify({ on: false }) });
    }
    // Once it ended, the key may run another.
    await atOnce.client.untilDone(await imagine(atOnce.client, 'third, after the first'));
  });

  it('GET /v1/tasks pages with a cursor and filters by status, action and time', async () => {
    const { client } = await createKey('lister');
    const ids: string[] = [];
    for (const prompt of ['one', 'two', 'three']) ids.push(await imagine(client, `a list test ${prompt}`));
    for (const id of ids) await client.untilDone(id);
    const first = (await client.send('GET', '/v1/tasks?limit=2')).body;
    expect(first.tasks.map((t: { id: string }) => t.id)).toEqual([ids[2], ids[1]]);
    expect(first.nextCursor).toBeTypeOf('string');
    const second = (await client.send('GET', `/v1/tasks?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).body;
    expect(second.tasks.map((t: { id: string }) => t.id)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeUndefined();
    expect((await client.send('GET', '/v1/tasks?status=SUCCESS&action=IMAGINE')).body.tasks).toHaveLength(3);
    expect((await client.send('GET', '/v1/tasks?action=UPSCALE')).body.tasks).toHaveLength(0);
    const t1 = (await client.send('GET', `/v1/tasks/${ids[1]}`)).body.submitTime;
    const ranged = (await client.send('GET', `/v1/tasks?from=${t1}&to=${t1}`)).body.tasks.map((t: { id: string }) => t.id);
    expect(ranged).toContain(ids[1]);
    expect(ranged).not.toContain(ids[0]);
    expect((await client.send('GET', '/v1/tasks?status=DONE')).status).toBe(400);

    // An expired task leaves the listing (its index entry is dropped when met).
    // (A finished task lives as its compact record; a live one as its hash.)
    await redis.del(redisKeys(e2e.prefix).task(ids[2]!), redisKeys(e2e.prefix).finishedTask(ids[2]!));
    await pollUntil(
      async () => (await client.send('GET', '/v1/tasks')).body.tasks.map((t: { id: string }) => t.id),
      (listed: string[]) => !listed.includes(ids[2]!) && listed.includes(ids[0]!),
    );
    expect(await redis.zscore(redisKeys(e2e.prefix).ownerTasks((await client.send('GET', `/v1/tasks/${ids[0]}`)).body.owner), ids[2]!)).toBeNull();
  });
});

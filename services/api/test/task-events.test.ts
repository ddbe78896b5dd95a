import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis, loadConfig, nextTaskId, TaskStore, type Task, type TaskUpdate } from '@mjq/common';
import { start, type ApiService } from '../src/service.js';
import { openSse, type SseSession } from '../../../tests/support/sse-client.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

/** Two API replicas on one Redis; task changes are applied to the store directly, as the listener would. */
const prefix = testPrefix('sse');
const KEY = { 'x-api-key': 'sse-test-key' };
let a: ApiService;
let b: ApiService;
let redis: Redis;
let store: TaskStore;
const sessions: SseSession[] = [];

beforeAll(async () => {
  const config = loadConfig({ REDIS_URL: testRedisUrl(), REDIS_PREFIX: prefix, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', API_KEYS: KEY['x-api-key'] });
  a = await start(config, { sseHeartbeatMs: 100 });
  b = await start(config, { sseHeartbeatMs: 100 });
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
});
afterAll(async () => {
  for (const s of sessions) s.close();
  await a.stop();
  await b.stop();
  await dropPrefix(redis, prefix);
  await redis.quit();
});

async function newTask(): Promise<Task> {
  const task: Task = {
    ...{ action: 'IMAGINE', status: 'NOT_START', prompt: 'a red fox', progress: 0, imageUrls: [], attachments: [], embeds: [], buttons: [] },
    id: await nextTaskId(redis, store.keys.taskSeq()),
    submitTime: Date.now(),
  };
  await store.create(task);
  return task;
}

async function follow(api: ApiService, id: string, headers: Record<string, string> = {}): Promise<SseSession> {
  const session = await openSse(`${api.url}/v1/tasks/${id}/events`, { ...KEY, ...headers });
  sessions.push(session);
  return session;
}

const apply = (id: string, change: TaskUpdate) => store.apply(id, change);
const lifecycle: TaskUpdate[] = [
  { status: 'SUBMITTED' },
  { status: 'IN_PROGRESS', progress: 0 },
  { status: 'IN_PROGRESS', progress: 31 },
  { status: 'IN_PROGRESS', progress: 62 },
  { status: 'IN_PROGRESS', progress: 93 },
  { status: 'SUCCESS', progress: 100, fields: { imageUrl: 'http://x/a.png' } },
];
const summary = (s: SseSession) => s.events.map((e) => `${e.id} ${e.event} ${(JSON.parse(e.data) as Task).progress}`);

describe('GET /v1/tasks/{id}/events', () => {
  it('streams every change live, then the terminal event, then closes', async () => {
    const t = await newTask();
    const s = await follow(a, t.id);
    expect(s.status).toBe(200);
    expect(s.headers.get('content-type')).toMatch(/^text\/event-stream/);
    await s.waitForEvents(1);
    // Each change reaches the client live, before the next one is made.
    for (const [i, change] of lifecycle.entries()) {
      if (i === lifecycle.length - 1) await pollUntil(async () => s.comments, (c) => c.includes('heartbeat'));
      await apply(t.id, change);
      await s.waitForEvents(i + 2);
    }
    await s.closed;
    expect(summary(s)).toEqual([
      '1-0 created 0',
      '2-0 submitted 0',
      '3-0 start 0',
      '4-0 generating 31',
      '5-0 generating 62',
      '6-0 generating 93',
      '7-0 end 100',
    ]);
    expect(JSON.parse(s.events.at(-1)!.data)).toMatchObject({ id: t.id, status: 'SUCCESS', imageUrl: 'http://x/a.png' });
    expect(s.comments).toContain('heartbeat');
  });

  it('resumes from Last-Event-ID on another replica and follows changes applied meanwhile', async () => {
    const t = await newTask();
    for (const change of lifecycle.slice(0, 3)) await apply(t.id, change);
    const s = await follow(b, t.id, { 'last-event-id': '3-0' });
    await s.waitForEvents(1);
    expect(summary(s)).toEqual(['4-0 generating 31']);
    // Many clients on one replica still share one Redis reader connection.
    const more = await Promise.all([1, 2, 3, 4].map(() => follow(b, t.id, { 'last-event-id': '4-0' })));
    for (const change of lifecycle.slice(3)) await apply(t.id, change);
    await Promise.all([s, ...more].map((x) => x.closed));
    expect(summary(s).map((e) => e.split(' ')[0])).toEqual(['4-0', '5-0', '6-0', '7-0']);
    for (const x of more) expect(x.events.map((e) => e.id)).toEqual(['5-0', '6-0', '7-0']);
    const readers = (await redis.call('CLIENT', 'LIST')) as string;
    expect(readers.split('\n').filter((l) => l.includes(`name=mjq-task-events:{${prefix}}`))).toHaveLength(2);
  });

  it('sends the history of a finished task, then closes; nothing more after the end', async () => {
    const t = await newTask();
    for (const change of lifecycle.slice(0, 2)) await apply(t.id, change);
    await apply(t.id, { status: 'FAILURE', fields: { failCode: 'banned_prompt', failReason: 'Banned prompt' } });
    const s = await follow(a, t.id);
    await s.closed;
    expect(s.events.map((e) => e.event)).toEqual(['created', 'submitted', 'start', 'banned']);
    const again = await follow(b, t.id, { 'last-event-id': s.events.at(-1)!.id! });
    await again.closed;
    expect(again.events).toEqual([]);
  });

  it('stops following when the client goes away', async () => {
    const t = await newTask();
    const s = await follow(a, t.id);
    await s.waitForEvents(1);
    await pollUntil(async () => a.eventStreams(), (n) => n >= 1);
    s.close();
    await pollUntil(async () => a.eventStreams(), (n) => n === 0);
  });

  it('answers 404 for an unknown task and 401 without the API key', async () => {
    const missing = await follow(a, '123');
    expect(missing.status).toBe(404);
    const t = await newTask();
    const res = await fetch(`${a.url}/v1/tasks/${t.id}/events`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import type { Task } from '../src/task.js';
import { TaskStore } from '../src/task-store.js';
import { compareStreamIds, isStreamId, TaskEventLog, taskEventName } from '../src/task-event-log.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

let redis: Redis;
let store: TaskStore;
let log: TaskEventLog;
const prefix = testPrefix('events');

beforeAll(() => {
  redis = createRedis(testRedisUrl(), 'worker');
  store = new TaskStore(redis, prefix, { ttlDays: 1 });
  log = new TaskEventLog(redis, store.keys);
});
afterAll(async () => {
  await dropPrefix(redis, prefix);
  await redis.quit();
});

const newTask = (): Promise<Task> => storedTask(redis, store);

describe('task event stream', () => {
  it('records the creation and every applied change, in the same step as the change', async () => {
    const t = await newTask();
    expect(await store.apply(t.id, { status: 'SUBMITTED' })).toMatchObject({ revision: 2, task: { status: 'SUBMITTED' } });
    expect(await store.apply(t.id, { status: 'IN_PROGRESS', progress: 0 })).toMatchObject({ revision: 3 });
    expect(await store.apply(t.id, { status: 'IN_PROGRESS', progress: 31 })).toMatchObject({ revision: 4 });
    // Refused changes (duplicate, backwards) leave no trace.
    expect(await store.apply(t.id, { status: 'IN_PROGRESS', progress: 31 })).toBeUndefined();
    expect(await store.apply(t.id, { status: 'SUBMITTED' })).toBeUndefined();
    expect(await store.apply(t.id, { status: 'SUCCESS', progress: 100, fields: { imageUrl: 'http://x/a.png' } })).toMatchObject({ revision: 5 });
    expect(await store.apply(t.id, { status: 'FAILURE' })).toBeUndefined();

    const events = await log.read(t.id);
    expect(events.map((e) => [e.id, e.name, e.task.status, e.task.progress])).toEqual([
      ['1-0', 'created', 'NOT_START', 0],
      ['2-0', 'submitted', 'SUBMITTED', 0],
      ['3-0', 'start', 'IN_PROGRESS', 0],
      ['4-0', 'generating', 'IN_PROGRESS', 31],
      ['5-0', 'end', 'SUCCESS', 100],
    ]);
    expect(events.at(-1)?.task.imageUrl).toBe('http://x/a.png');
    expect(await store.get(t.id)).toEqual(events.at(-1)?.task);
    expect((await log.read(t.id, '3-0')).map((e) => e.id)).toEqual(['4-0', '5-0']);
  });

  it('expires with the finished task', async () => {
    const t = await newTask();
    expect(await redis.ttl(store.keys.taskEvents(t.id))).toBe(-1);
    await store.apply(t.id, { status: 'FAILURE', fields: { failCode: 'banned_prompt' } });
    expect(await redis.ttl(store.keys.taskEvents(t.id))).toBeGreaterThan(0);
    expect((await log.read(t.id)).at(-1)?.name).toBe('banned');
  });

  it('gives one revision per change under concurrent writers', async () => {
    const t = await newTask();
    const results = await Promise.all([10, 20, 30, 40, 50, 60].map((p) => store.apply(t.id, { status: 'IN_PROGRESS', progress: p })));
    const revisions = results.flatMap((r) => (r ? [r.revision] : []));
    expect(new Set(revisions).size).toBe(revisions.length);
    expect((await log.read(t.id)).map((e) => e.revision)).toEqual([1, ...revisions.sort((a, b) => a - b)]);
  });
});

describe('helpers', () => {
  it('names steps like the callbacks do', () => {
    const base = { status: 'FAILURE', progress: 0, failCode: 'timeout' } as Task;
    expect(taskEventName(base)).toBe('error');
    expect(taskEventName({ ...base, failCode: 'moderated' })).toBe('banned');
    expect(taskEventName({ ...base, status: 'CANCEL' })).toBe('cancel');
  });
  it('compares stream ids numerically and validates Last-Event-ID', () => {
    expect(compareStreamIds('10-0', '9-0')).toBeGreaterThan(0);
    expect(compareStreamIds('3-1', '3-0')).toBeGreaterThan(0);
    expect(compareStreamIds('3-0', '3-0')).toBe(0);
    expect(['5-0', '5', '0-0'].every(isStreamId)).toBe(true);
    expect(['', 'abc', '5-', '1-2-3'].some(isStreamId)).toBe(false);
  });
});

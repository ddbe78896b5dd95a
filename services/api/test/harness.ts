import { Queue, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { createRedis, RedisImageStore, type ImageStore, jobIds, loadConfig, QUEUE_NAMES, redisKeys, TaskStore, type Task } from '@mjq/common';
import { start, type ApiOptions, type ApiService } from '../src/service.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';
import { storedTask } from '../../../tests/support/task-fixture.js';

export const API_KEY = 'client-key-1';

/**
 * A started API (real HTTP, real Redis under its own prefix, the seed's single account
 * `default`), with the trigger queue and task store the tests inspect. No dispatcher: a test
 * that needs a task to move plays the dispatcher through the store.
 */
export interface Harness {
  api: ApiService;
  /** REDIS_PREFIX of this API. */
  prefix: string;
  redis: Redis;
  queue: Queue;
  store: TaskStore;
  images: ImageStore;
  post(path: string, body: unknown): Promise<Response>;
  /** Tasks stored and trigger jobs enqueued so far: bad input must change neither. */
  counts(): Promise<{ tasks: number; jobs: number }>;
  /** A stored task as Midjourney's result left it; its message is linked to it. */
  seedTask(fields: Partial<Task>): Promise<Task>;
  close(): Promise<void>;
}

/** The API's environment in tests: loopback, quiet, the seed's single account with room to queue. */
export function apiTestEnv(prefix: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    REDIS_URL: testRedisUrl(),
    REDIS_PREFIX: prefix,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    USER_TOKEN: 'user-token-secret',
    GUILD_ID: '1100000000000000001',
    CHANNEL_ID: '1100000000000000002',
    WAIT_SIZE: '1000',
    // Images under the prefix the harness drops, where `images` below reads and seeds them.
    IMAGE_STORE: 'redis',
    ...extra,
  };
}

export async function startHarness(name: string, options: ApiOptions = {}, env: Record<string, string> = {}): Promise<Harness> {
  const prefix = testPrefix(name);
  const config = loadConfig(apiTestEnv(prefix, { API_KEYS: API_KEY, ...env }));
  const api = await start(config, options);
  const redis = createRedis(config.redis.url, 'worker');
  const queue = new Queue(QUEUE_NAMES.trigger, { connection: redis, prefix: redisKeys(prefix).bullPrefix });
  const store = new TaskStore(redis, prefix, { ttlDays: 1 });
  return {
    api,
    prefix,
    redis,
    queue,
    store,
    images: new RedisImageStore(redis, prefix, 3600),
    post: (path, body) =>
      fetch(`${api.url}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', 'x-api-key': API_KEY } }),
    counts: async () => ({ tasks: await redis.zcard(store.keys.tasksBySubmitTime()), jobs: await queue.count() }),
    async seedTask(fields) {
      const task = await storedTask(redis, store, { status: 'SUCCESS', prompt: 'a red fox in snow', progress: 100, ...fields });
      if (task.messageId) await store.linkMessage(task.messageId, task.id);
      return task;
    },
    async close() {
      await api.stop();
      await queue.close();
      await dropPrefix(redis, prefix);
      await redis.quit();
    },
  };
}

/** The job a task's acceptance enqueued. */
export async function triggerJob(h: Harness, taskId: string): Promise<Job | undefined> {
  return h.queue.getJob(jobIds.trigger(taskId));
}

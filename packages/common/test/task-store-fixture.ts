import { afterAll } from 'vitest';
import type { Redis } from 'ioredis';
import { createRedis } from '../src/redis.js';
import { nextTaskId } from '../src/ids.js';
import type { Task, TaskStatus } from '../src/task.js';
import { TaskStore } from '../src/task-store.js';
import { dropPrefix, testPrefix, testRedisUrl } from '../../../tests/support/redis.js';

// What task-store.test.ts and task-store-slots.test.ts share: a store on a prefix of the test
// file's own, and tasks in it.

export interface TaskStoreFixture {
  prefix: string;
  redis: Redis;
  store: TaskStore;
  /** A stored imagine task, with a fresh id. */
  newTask(status?: TaskStatus, progress?: number): Promise<Task>;
  /** The same, not stored: for a test that creates it itself. */
  taskData(status?: TaskStatus, progress?: number): Promise<Task>;
}

/**
 * Opens the connection when the test file is collected (called at its top level) and closes it,
 * with the prefix's keys gone, after the file's last test.
 */
export function taskStoreFixture(name: string): TaskStoreFixture {
  const prefix = testPrefix(name);
  const redis = createRedis(testRedisUrl(), 'worker');
  const store = new TaskStore(redis, prefix, { ttlDays: 1 });
  afterAll(async () => {
    await dropPrefix(redis, prefix);
    await redis.quit();
  });

  async function taskData(status: TaskStatus = 'NOT_START', progress = 0): Promise<Task> {
    return {
      id: await nextTaskId(redis, store.keys.taskSeq()),
      action: 'IMAGINE',
      status,
      prompt: 'a red fox',
      progress,
      imageUrls: [],
      attachments: [],
      embeds: [],
      buttons: [],
      submitTime: Date.now(),
    };
  }

  async function newTask(status: TaskStatus = 'NOT_START', progress = 0): Promise<Task> {
    const task = await taskData(status, progress);
    await store.create(task);
    return task;
  }

  return { prefix, redis, store, newTask, taskData };
}

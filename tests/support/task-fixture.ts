import type { Redis } from 'ioredis';
import { nextTaskId, type Task, type TaskStore } from '@mjq/common';

/** A new imagine task (NOT_START unless `fields` say otherwise), stored under a fresh id. */
export async function storedTask(redis: Redis, store: Pick<TaskStore, 'keys' | 'create'>, fields: Partial<Omit<Task, 'id'>> = {}): Promise<Task> {
  const task: Task = {
    id: await nextTaskId(redis, store.keys.taskSeq()),
    action: 'IMAGINE',
    status: 'NOT_START',
    prompt: 'a red fox',
    progress: 0,
    imageUrls: [],
    attachments: [],
    embeds: [],
    buttons: [],
    submitTime: Date.now(),
    ...fields,
  };
  await store.create(task);
  return task;
}

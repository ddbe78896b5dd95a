import { isTerminal, type Task } from '@mjq/common';
import type { TaskEventHub } from './task-event-hub.js';

/**
 * The task once it is terminal, from its event stream (no polling: the hub's single blocking
 * read wakes us), or undefined after `ms`, on `signal`, or when the API shuts down. Reading from the stream's
 * start, an end applied before the watch began is seen too.
 */
export function waitForEnd(hub: TaskEventHub, taskId: string, ms: number, signal?: AbortSignal): Promise<Task | undefined> {
  return new Promise((resolve) => {
    let unwatch = () => {};
    const finish = (task?: Task) => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      unwatch();
      resolve(task);
    };
    const onAbort = () => finish();
    const timer = setTimeout(finish, ms);
    // The client went away: nobody is left to answer, stop watching.
    signal?.addEventListener('abort', onAbort);
    unwatch = hub.watch(taskId, '0-0', {
      onEvents: (events) => {
        const end = events.find((e) => isTerminal(e.task.status));
        if (end) finish(end.task);
      },
      onClose: () => finish(),
    });
  });
}

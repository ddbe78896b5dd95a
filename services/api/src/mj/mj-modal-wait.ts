import { isTerminal, type Task } from '@mjq/common';
import type { ApiContext } from '../context.js';

/** How long /mj/submit/modal waits for the click's modal to open before answering with what it has. */
const MODAL_WAIT_MS = 30_000;

/** The task once it waits in MODAL (or ended), from its event stream; undefined after the wait. */
export function waitForModal(ctx: ApiContext, taskId: string, ms = MODAL_WAIT_MS): Promise<Task | undefined> {
  return new Promise((resolve) => {
    let unwatch = () => {};
    const finish = (task?: Task) => {
      clearTimeout(timer);
      unwatch();
      resolve(task);
    };
    const timer = setTimeout(finish, ms);
    unwatch = ctx.taskEvents.watch(taskId, '0-0', {
      onEvents: (events) => {
        const hit = events.find((e) => e.task.status === 'MODAL' || isTerminal(e.task.status));
        if (hit) finish(hit.task);
      },
      onClose: () => finish(),
    });
  });
}

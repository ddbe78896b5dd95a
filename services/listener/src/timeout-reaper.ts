import { failTask, Periodic, type Logger, type TaskEventPublisher, type TaskStore } from '@mjq/common';

/**
 * Fails tasks that showed no progress for the idle timeout (TASK_TIMEOUT_S). The deadline moves
 * with every applied change (task store); failing the task frees its slot in the same step and
 * fires its `error` callback. Several replicas may run this: each overdue task is claimed once.
 */
export class TimeoutReaper {
  private readonly periodic: Periodic;

  constructor(
    private readonly store: TaskStore,
    private readonly events: TaskEventPublisher,
    private readonly log: Logger,
    everyMs: number,
  ) {
    this.periodic = new Periodic(() => this.sweep(), everyMs, (err) => log.warn({ err }, 'timeout sweep failed'));
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; returns the ids of the tasks it failed. */
  async sweep(now = Date.now()): Promise<string[]> {
    const failed: string[] = [];
    for (const id of await this.store.overdue(now)) {
      if (!(await this.store.claimOverdue(id))) continue;
      const seconds = Math.round(this.store.idleTimeoutMs / 1000);
      const task = await failTask(this.store, this.events, id, 'timeout', `no progress from Midjourney for ${seconds} s`);
      if (task) {
        failed.push(id);
        this.log.warn({ taskId: id, accountId: task.accountId }, 'task timed out');
      } else if (await this.store.releaseEndedJob(id)) {
        // A cancelled task whose job was never seen to end: its slot is given back now.
        this.log.warn({ taskId: id }, 'cancelled task reached its deadline: slot freed');
      }
    }
    return failed;
  }
}

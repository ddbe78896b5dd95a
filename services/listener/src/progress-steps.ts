import { BoundedMap, isTerminal, type TaskUpdate } from '@mjq/common';

/**
 * What the pipeline knows of its tasks' progress steps: the last one it applied, and those queued
 * on a task's chain. A progress step with a further one already queued behind it (a higher
 * percentage, or the end) is superseded: writing it would cost a change, an event and perhaps a
 * callback that the next step, moments later, overwrites. This happens when a task's messages
 * come faster than they are applied (a burst of results, a slow Redis), not at Midjourney's
 * usual pace of a step every few seconds; the state then skips straight to the newer step.
 */
export class ProgressSteps {
  /** The progress of the last IN_PROGRESS step this process applied, per task. */
  private readonly applied = new BoundedMap<string, number>(10_000);
  /** How far each queued (not yet started) step of a task goes: a percentage, or Infinity for the end. */
  private readonly queued = new Map<string, number[]>();

  /** Notes a step queued on the task's chain; call the returned function when the step starts. */
  queue(taskId: string, update: TaskUpdate): () => void {
    const reach = isTerminal(update.status) ? Infinity : update.status === 'IN_PROGRESS' ? (update.progress ?? -1) : -1;
    const list = this.queued.get(taskId) ?? [];
    list.push(reach);
    this.queued.set(taskId, list);
    return () => {
      list.splice(list.indexOf(reach), 1);
      if (!list.length && this.queued.get(taskId) === list) this.queued.delete(taskId);
    };
  }

  /**
   * Whether the step need not be written: no further than a step applied here already (the store
   * would refuse it), or a progress step of a task already in progress with a further step queued.
   * The first IN_PROGRESS is always written: its change of status has a callback of its own.
   */
  skip(taskId: string, update: TaskUpdate): boolean {
    if (update.status !== 'IN_PROGRESS') return false;
    const progress = update.progress ?? -1;
    const applied = this.applied.get(taskId);
    if (progress <= (applied ?? -1)) return true;
    return applied !== undefined && (this.queued.get(taskId) ?? []).some((reach) => reach > progress);
  }

  /** The task's IN_PROGRESS step at this progress was stored. */
  stored(taskId: string, progress: number): void {
    this.applied.set(taskId, progress);
  }
}

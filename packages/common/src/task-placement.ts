/**
 * A task's account and `waitingOn` as last seen by this process. update-task.lua needs the keys
 * of that account's slot set and of those waiting sets declared (Redis Cluster), and checks the
 * fields are still what the caller read: a stale entry costs one re-read, never a wrong update.
 */
export interface Placement {
  /** '' when the task has no account yet. */
  accountId: string;
  /** The raw `waitingOn` field (JSON), '' when absent. */
  waitingOn: string;
}

export class PlacementCache {
  private readonly entries = new Map<string, Placement>();

  constructor(private readonly capacity = 10_000) {}

  get(id: string): Placement | undefined {
    return this.entries.get(id);
  }

  set(id: string, placement: Placement): void {
    // Bounded: a long-lived process sees many tasks; the oldest entries are the least likely reused.
    if (!this.entries.has(id) && this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(id, placement);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }
}

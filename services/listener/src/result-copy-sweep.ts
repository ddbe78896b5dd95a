import { distinctFiles, Periodic, resultFiles, type Logger, type ResultCopies, type TaskStore } from '@mjq/common';
import type { ResultCopier } from './result-copier.js';

export interface ResultCopySweepDeps {
  copies: ResultCopies;
  store: TaskStore;
  copier: ResultCopier;
  log: Logger;
  everyMs: number;
}

/**
 * Takes over result copies whose listener died or hung (its lease ran out): a RESUME replay of
 * the result finds the task finished and ignores it, so without this the SUCCESS would point at a
 * copy nobody makes. The files to copy are on the task (discordImageUrl, its attachments). Every
 * listener runs it; the claim makes sure one of them takes each copy.
 */
export class ResultCopySweep {
  private readonly periodic: Periodic;

  constructor(private readonly deps: ResultCopySweepDeps) {
    this.periodic = new Periodic(() => this.runOnce(), deps.everyMs, (err) => deps.log.warn({ err: (err as Error).message }, 'result copy sweep failed'));
  }

  start(): void {
    this.periodic.start();
  }

  stop(): Promise<void> {
    return this.periodic.stop();
  }

  /** One pass; returns the ids of the tasks whose copy it took over. */
  async runOnce(now = Date.now()): Promise<string[]> {
    const { copies, store, copier, log } = this.deps;
    const taken: string[] = [];
    for (const taskId of await copies.due(now)) {
      if (!(await copies.claim(taskId, now))) continue;
      const task = await store.get(taskId);
      // Only a SUCCESS owes a copy: an entry of a task that never got there (it failed, or its
      // result is still to be replayed, which records its own) has nothing to take over.
      const files = task?.status === 'SUCCESS' ? distinctFiles(resultFiles(taskId, task)) : [];
      log.warn({ taskId, files: files.length }, "result copy taken over: its listener's lease ran out");
      copier.start(taskId, files, true);
      taken.push(taskId);
    }
    return taken;
  }
}

import type { ImageStore, Logger, ResultCopies, ResultFile } from '@mjq/common';
import type { ResultImages } from './result-image.js';

export interface ResultCopierDeps {
  results: ResultImages;
  copies: ResultCopies;
  images: ImageStore;
  log: Logger;
}

/**
 * Copies the files of results already stored SUCCESS, in the background: the task's callback
 * does not wait for Discord's CDN. The task's entry in the pending copies ends once every file
 * landed or failed (the image route then serves the copy, or redirects to Discord's URL).
 */
export class ResultCopier {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly deps: ResultCopierDeps) {}

  /**
   * Starts copying. `takenOver`: the copy of a listener that died or hung — a file it already
   * stored is not fetched again (a replica that lost the race to store SUCCESS left its entry too).
   */
  start(taskId: string, files: readonly ResultFile[], takenOver = false): void {
    const run = this.run(taskId, files, takenOver).catch((err: unknown) => this.deps.log.warn({ taskId, err: (err as Error).message }, 'result copy not settled: the sweep retries it'));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Resolves once every copy started so far has settled. */
  async drain(): Promise<void> {
    while (this.running.size) await Promise.all(this.running);
  }

  private async run(taskId: string, files: readonly ResultFile[], takenOver: boolean): Promise<void> {
    const { images, results, copies, log } = this.deps;
    const missing = takenOver ? await filterAsync(files, async (f) => !(await images.has(f.key))) : files;
    const landed = await results.copy(taskId, missing);
    // Ended whatever landed: a file that failed is Discord's for good (the image route redirects there).
    await copies.end(taskId);
    if (missing.length) log.debug({ taskId, copied: landed.size, of: missing.length }, 'result copied');
  }
}

async function filterAsync<T>(items: readonly T[], keep: (item: T) => Promise<boolean>): Promise<T[]> {
  const kept = await Promise.all(items.map(keep));
  return items.filter((_, i) => kept[i]);
}

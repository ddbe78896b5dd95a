import { setTimeout as sleep } from 'node:timers/promises';
import { distinctFiles, RESULT_COPY_WAIT_MS, resultFiles, resultTaskId, type ResultCopies, type TaskStore } from '@mjq/common';

/** First look again after 10 ms, then twice as long each time, at most 250 ms between looks. */
export function nextPollDelay(previousMs: number | undefined): number {
  return previousMs === undefined ? 10 : Math.min(previousMs * 2, 250);
}

export interface ResultWaitDeps {
  copies: ResultCopies;
  store: TaskStore;
  /** The longest one request waits (ms); RESULT_COPY_WAIT_MS by default. */
  waitMs?: number;
  /** Aborted when the API stops: a waiting request answers at once instead of holding the stop up. */
  stopping?: AbortSignal;
}

/**
 * What an image request for a key the store does not hold gets, when the key is a result's
 * file: a SUCCESS is stored with mjq's URL before its copy lands (message-pipeline.ts). While
 * the copy is under way, `look` is tried again once it settles; a copy that failed, is late or
 * will never come leaves Discord's URL (what a failed copy always cost the client: permanence).
 * Undefined for keys no task's result names: a 404.
 *
 * Polling one sorted-set member (ZSCORE), with a backoff, rather than pub/sub: a request only
 * waits in the short time between a SUCCESS and its copy, so waits are rare and short; a
 * subscription would cost every API replica a connection of its own and a subscribe-then-check
 * dance against the copy landing in between. A 250 ms cap keeps the added latency small next
 * to a CDN download.
 */
export async function awaitResultCopy<T>(deps: ResultWaitDeps, key: string, look: () => Promise<T | undefined>): Promise<{ found: T } | { discordUrl: string } | undefined> {
  const taskId = resultTaskId(key);
  if (!taskId) return undefined;
  const deadline = Date.now() + (deps.waitMs ?? RESULT_COPY_WAIT_MS);
  let delay: number | undefined;
  while (!deps.stopping?.aborted && (await deps.copies.pending(taskId))) {
    delay = nextPollDelay(delay);
    const left = deadline - Date.now();
    if (left <= 0) break;
    await sleep(Math.min(delay, left), undefined, { signal: deps.stopping }).catch(() => undefined);
  }
  // Looked at again even without a wait: the copy may have landed between the first look and the check.
  const found = await look();
  if (found !== undefined) return { found };
  const task = await deps.store.get(taskId);
  if (task?.status !== 'SUCCESS') return undefined;
  const file = distinctFiles(resultFiles(taskId, task)).find((f) => f.key === key);
  return file && { discordUrl: file.url };
}

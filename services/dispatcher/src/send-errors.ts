import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { failTask, type Account, type Task, type TriggerJob } from '@mjq/common';
import { DiscordRateLimited, DiscordRejected, DiscordUnavailable, InteractionOutcomeUnknown } from './discord-errors.js';
import { TaskNotSendable } from './task-interaction.js';
import type { TriggerDeps } from './trigger-processor.js';

/** Puts the job back for `ms`: it keeps its attempts (and its slot, if it holds one). */
export async function delay(job: Job<TriggerJob>, token: string | undefined, ms: number): Promise<Error> {
  await job.moveToDelayed(Date.now() + Math.ceil(ms), token);
  return new DelayedError();
}

/** Maps a send failure to what the queue should do with the job; fails the task when it is over. */
export async function handleSendError(
  deps: TriggerDeps,
  job: Job<TriggerJob>,
  token: string | undefined,
  task: Task,
  account: Account,
  err: unknown,
): Promise<Error> {
  const log = deps.log.child({ taskId: task.id, accountId: account.id });
  const maxSends = job.opts.attempts ?? 1;
  if (err instanceof InteractionOutcomeUnknown) {
    // Discord may be running the job already: never a blind resend (earlier-attempt.ts).
    const sends = job.data.attempt?.count ?? 1;
    if (sends >= maxSends) {
      await failTask(deps.store, deps.events, task.id, 'discord_unavailable', err.message);
      return new UnrecoverableError(err.message);
    }
    log.warn({ err: err.message, sends }, 'send outcome unknown: looking for evidence that it landed before sending again');
    return delay(job, token, deps.evidenceMs);
  }
  // Every other failure provably started no job: the next run sends without waiting for evidence.
  if (job.data.attempt) await job.updateData({ ...job.data, attempt: undefined });
  if (err instanceof DiscordRateLimited) {
    log.warn({ retryAfterMs: err.retryAfterMs, global: err.global }, 'rate limited by Discord');
    await deps.gate.pause(account.id, err.retryAfterMs);
    return err.global ? deps.rateLimit(err.retryAfterMs) : delay(job, token, err.retryAfterMs);
  }
  if (err instanceof TaskNotSendable) {
    await failTask(deps.store, deps.events, task.id, 'invalid_task', err.message);
    return new UnrecoverableError(err.message);
  }
  if (err instanceof DiscordRejected) {
    // 401: the token is dead; 403: the account lost access to the channel. Either way, stop using it.
    if (err.status === 401 || err.status === 403) {
      await deps.registry.disable(account.id, `Discord answered ${err.status} to an interaction`);
      log.error({ status: err.status }, 'account disabled');
    }
    await failTask(deps.store, deps.events, task.id, 'discord_rejected', err.message);
    return new UnrecoverableError(err.message);
  }
  const lastAttempt = job.attemptsMade + 1 >= maxSends;
  log.warn({ err: (err as Error).message, attempt: job.attemptsMade + 1, lastAttempt, neverSent: err instanceof DiscordUnavailable && !err.mayHaveLanded }, 'send failed');
  if (lastAttempt) await failTask(deps.store, deps.events, task.id, 'discord_unavailable', (err as Error).message);
  return err as Error;
}

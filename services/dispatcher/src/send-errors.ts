import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';
import { failTask, metrics, type Account, type Logger, type Task, type TriggerJob } from '@mjq/common';
import { failureLogFields } from '@mjq/discord';
import { DiscordEdgeBlocked, DiscordRateLimited, DiscordRejected, DiscordUnavailable, InteractionOutcomeUnknown } from './discord-errors.js';
import { TaskNotSendable } from './task-interaction.js';
import type { TriggerDeps } from './trigger-processor.js';

/** The account may not send yet (Discord's pause, its rate, human pacing): try again in `waitMs`. */
export class GateClosed extends Error {
  constructor(readonly waitMs: number) {
    super(`account may send again in ${waitMs} ms`);
    this.name = 'GateClosed';
  }
}

/**
 * The job must wait `ms` before it goes on — its account's gate, Discord's retry_after, the window
 * for evidence of an earlier send, or only a fresh look (0) — typically holding a slot. It waits
 * in the process (local-retry.ts), keeping its place: the queue would put it behind every job
 * waiting there, its slot idle meanwhile.
 */
export class RetryIn extends Error {
  constructor(readonly ms: number) {
    super(`go on in ${ms} ms`);
    this.name = 'RetryIn';
  }
}

/** Puts the job back for `ms`: it keeps its attempts (and its slot, if it holds one). */
export async function delay(job: Job<TriggerJob>, token: string | undefined, ms: number): Promise<Error> {
  await job.moveToDelayed(Date.now() + Math.ceil(ms), token);
  return new DelayedError();
}

/**
 * Puts the job back at the head of the queue, its attempts untouched: the dispatcher stops while
 * the job waits in it, and the next dispatcher takes it first, in its turn.
 */
export async function requeue(job: Job<TriggerJob>, token: string | undefined): Promise<Error> {
  await job.moveToWait(token);
  return new WaitingError();
}

/** Maps a send failure to what the queue should do with the job; fails the task when it is over. */
export async function handleSendError(
  deps: TriggerDeps,
  job: Job<TriggerJob>,
  task: Task,
  account: Account,
  err: unknown,
  /** Sends of the job so far, this one included. */
  sends = 1,
): Promise<Error> {
  const log = deps.log.child({ taskId: task.id, accountId: account.id });
  const maxSends = job.opts.attempts ?? 1;
  if (err instanceof InteractionOutcomeUnknown) {
    // Discord may be running the job already: never a blind resend (earlier-attempt.ts).
    if (sends >= maxSends) {
      await failTask(deps.store, deps.events, task.id, 'discord_unavailable', err.message);
      return new UnrecoverableError(err.message);
    }
    log.warn({ ...failureLogFields(err), sends }, 'send outcome unknown: looking for evidence that it landed before sending again');
    return new RetryIn(deps.evidenceMs);
  }
  // Every other failure provably started no job: the next run sends without waiting for evidence.
  await forgetSend(deps, job, task);
  if (err instanceof DiscordEdgeBlocked) return retryAfterEdgeBlock(deps, job, account, err, log);
  if (err instanceof DiscordRateLimited) {
    log.warn({ ...failureLogFields(err), retryAfterMs: err.retryAfterMs, global: err.global }, 'rate limited by Discord');
    await deps.gate.pause(account.id, err.retryAfterMs);
    return err.global ? deps.rateLimit(err.retryAfterMs) : new RetryIn(err.retryAfterMs);
  }
  if (err instanceof TaskNotSendable) {
    await failTask(deps.store, deps.events, task.id, 'invalid_task', err.message);
    return new UnrecoverableError(err.message);
  }
  if (err instanceof DiscordRejected) {
    // 401: the token is dead; a JSON 403 (50001, 50013): the account lost access to the channel.
    // Either way, stop using it. (A non-JSON 403 is the edge's, handled above.)
    if (err.status === 401 || err.status === 403) {
      const code = err.code === undefined ? '' : ` (code ${err.code})`;
      await deps.registry.disable(account.id, `Discord answered ${err.status}${code} to ${err.method} ${err.route}`);
      log.error(failureLogFields(err), 'account disabled: Discord refused its token or its access to the channel');
    } else {
      log.warn(failureLogFields(err), 'Discord rejected the request: task failed');
    }
    await failTask(deps.store, deps.events, task.id, 'discord_rejected', err.message);
    return new UnrecoverableError(err.message);
  }
  const lastAttempt = job.attemptsMade + 1 >= maxSends;
  log.warn({ ...failureLogFields(err), attempt: job.attemptsMade + 1, lastAttempt, neverSent: err instanceof DiscordUnavailable && !err.mayHaveLanded }, 'send failed');
  if (lastAttempt) await failTask(deps.store, deps.events, task.id, 'discord_unavailable', (err as Error).message);
  return err as Error;
}

/** The task's record of the send (and one a job of an earlier version kept in its data). */
async function forgetSend(deps: TriggerDeps, job: Job<TriggerJob>, task: Task): Promise<void> {
  await deps.store.forgetSend(task.id);
  if (job.data.attempt) await job.updateData({ ...job.data, attempt: undefined });
}

const EDGE_BACKOFF_FIRST_MS = 5_000;
const EDGE_BACKOFF_MAX_MS = 5 * 60_000;

/** 5 s, 10 s, 20 s … at most 5 min: the edge counts refused requests too, and bans IPs that keep on. */
function edgeBlockBackoffMs(blocks: number): number {
  return Math.min(EDGE_BACKOFF_MAX_MS, EDGE_BACKOFF_FIRST_MS * 2 ** Math.max(0, blocks - 1));
}

/**
 * Discord's edge refused the request before its API saw it: the account is fine and no job
 * started, so the task keeps its place and its sends — the job waits, then sends afresh (no
 * evidence to look for) — and the account counts the block for the admin view.
 */
async function retryAfterEdgeBlock(
  deps: TriggerDeps,
  job: Job<TriggerJob>,
  account: Account,
  err: DiscordEdgeBlocked,
  log: Logger,
): Promise<Error> {
  const blocks = (job.data.edgeBlocks ?? 0) + 1;
  metrics.discordEdgeBlocks.inc({ account: account.id });
  await job.updateData({ ...job.data, edgeBlocks: blocks });
  await deps.registry.recordEdgeBlock(account.id).catch((e: unknown) => log.warn({ err: e }, 'could not record an edge block'));
  const waitMs = edgeBlockBackoffMs(blocks);
  const details = { ...failureLogFields(err), edge: err.excerpt, edgeBlocks: blocks, retryInMs: waitMs };
  // At the cap it is no passing hiccup: the browser identity or the network needs a look.
  if (waitMs === EDGE_BACKOFF_MAX_MS) log.error(details, "Discord's edge keeps blocking this account's requests (check DISCORD_USER_AGENT / the account's browser, or the IP): retrying");
  else log.warn(details, "Discord's edge blocked the request (not the account): retrying later, the task keeps its place");
  return new RetryIn(waitMs);
}

import { UnrecoverableError, type Job } from 'bullmq';
import {
  failTask,
  triggerJobSchema,
  type DiscordAccess,
  type Logger,
  type TaskEventPublisher,
  type TaskStore,
  type TriggerJob,
} from '@mjq/common';
import {
  buildImagineInteraction,
  buildPromptWithMarker,
  isInvalidCommandVersionError,
  makeNonce,
  type InteractionContext,
} from '@mjq/discord';
import type { CommandCache } from './command-cache.js';
import { DiscordRateLimited, DiscordRejected } from './discord-errors.js';
import type { DiscordRest } from './discord-rest.js';

export interface TriggerDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  rest: DiscordRest;
  commands: CommandCache;
  discord: DiscordAccess;
  sessionId: string;
  accountId: string;
  log: Logger;
  /** Pauses the whole queue (Discord's 429), then the job is retried without spending an attempt. */
  rateLimit: (ms: number) => Promise<Error>;
}

export type TriggerOutcome = 'sent' | 'skipped';

/**
 * One trigger job = one Discord interaction. A task that is no longer NOT_START was already sent
 * (a retried or duplicated job) and is skipped, so a job never sends its interaction twice after
 * the task was marked SUBMITTED.
 */
export async function processTrigger(deps: TriggerDeps, job: Job<TriggerJob>): Promise<TriggerOutcome> {
  const { taskId } = triggerJobSchema.parse(job.data);
  const task = await deps.store.get(taskId);
  if (!task || task.status !== 'NOT_START') {
    deps.log.info({ taskId, status: task?.status }, 'trigger skipped: task missing or already sent');
    return 'skipped';
  }
  const promptFull = buildPromptWithMarker(task.id, task.prompt, task.imageUrls);
  const nonce = makeNonce();
  await deps.store.patch(taskId, { promptFull, nonce, accountId: deps.accountId });
  await deps.store.linkNonce(nonce, taskId);
  const ctx: InteractionContext = {
    applicationId: deps.discord.applicationId,
    guildId: deps.discord.guildId,
    channelId: deps.discord.channelId,
    sessionId: deps.sessionId,
    nonce,
  };
  try {
    await sendImagine(deps, ctx, promptFull);
  } catch (err) {
    throw await handleSendError(deps, job, taskId, err);
  }
  await deps.store.update(taskId, { status: 'SUBMITTED', fields: { startTime: Date.now() } });
  deps.log.info({ taskId, nonce }, 'interaction sent');
  return 'sent';
}

async function sendImagine(deps: TriggerDeps, ctx: InteractionContext, prompt: string): Promise<void> {
  try {
    await deps.rest.postInteraction(buildImagineInteraction(ctx, await deps.commands.get('imagine'), prompt));
  } catch (err) {
    if (!(err instanceof DiscordRejected) || !isInvalidCommandVersionError(err.status, err.body)) throw err;
    // Midjourney published a new command version: refresh the cache and resend once (§5.2).
    deps.commands.invalidate();
    deps.log.warn('imagine command version outdated: refreshed the command index');
    await deps.rest.postInteraction(buildImagineInteraction(ctx, await deps.commands.get('imagine'), prompt));
  }
}

/** Maps a send failure to what the queue should do with the job; fails the task when it is over. */
async function handleSendError(deps: TriggerDeps, job: Job<TriggerJob>, taskId: string, err: unknown): Promise<Error> {
  if (err instanceof DiscordRateLimited) {
    deps.log.warn({ taskId, retryAfterMs: err.retryAfterMs, global: err.global }, 'rate limited by Discord');
    return deps.rateLimit(err.retryAfterMs);
  }
  if (err instanceof DiscordRejected) {
    await failTask(deps.store, deps.events, taskId, 'discord_rejected', err.message);
    return new UnrecoverableError(err.message);
  }
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  deps.log.warn({ taskId, err: (err as Error).message, attempt: job.attemptsMade + 1, lastAttempt }, 'send failed');
  if (lastAttempt) await failTask(deps.store, deps.events, taskId, 'discord_unavailable', (err as Error).message);
  return err as Error;
}

import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import {
  accountsForTask,
  failTask,
  isIframeModal,
  triggerJobSchema,
  type Account,
  type AccountRegistry,
  type ImageStore,
  type Logger,
  type SlotPool,
  type SlotWakeups,
  type Task,
  type TaskEventPublisher,
  type TaskStore,
  type TriggerJob,
} from '@mjq/common';
import { makeNonce, type InteractionContext } from '@mjq/discord';
import type { AccountClients } from './account-clients.js';
import { promptForTask } from './account-choice.js';
import { DiscordRateLimited, DiscordRejected } from './discord-errors.js';
import { postMessageTask } from './post-message.js';
import { sendTask } from './send-task.js';
import type { SendGate } from './send-gate.js';
import { TaskNotSendable } from './task-interaction.js';

export interface TriggerDeps {
  store: TaskStore;
  events: TaskEventPublisher;
  registry: AccountRegistry;
  slots: SlotPool;
  wakeups: SlotWakeups;
  gate: SendGate;
  clients: AccountClients;
  images: ImageStore;
  applicationId: string;
  activityUrl: string;
  sessionId: string;
  log: Logger;
  /** Pauses the whole queue through BullMQ's rate limiter; the job goes back without spending an attempt. */
  rateLimit: (ms: number) => Promise<Error>;
  /** How long a job parked for a slot waits when no wake-up comes (a lease that lapsed). */
  slotPollMs: number;
}

export type TriggerOutcome = 'sent' | 'skipped' | 'failed';

/** Puts the job back for `ms`: it keeps its attempts (and its slot, if it holds one). */
async function delay(job: Job<TriggerJob>, token: string | undefined, ms: number): Promise<Error> {
  await job.moveToDelayed(Date.now() + Math.ceil(ms), token);
  return new DelayedError();
}

/**
 * One trigger job = one Discord interaction, sent only once the task holds a slot on an account
 * (least busy first; a button's task on its parent's account) and the account may send
 * (Discord's limits, our per-token rate). A task that is no longer NOT_START was sent already
 * (a retried or duplicated job) and is skipped. A `modal` job submits the text of a task that
 * waits in MODAL, on the account that received the modal, once that account has a free slot.
 */
export async function processTrigger(deps: TriggerDeps, job: Job<TriggerJob>, token?: string): Promise<TriggerOutcome> {
  const { taskId, kind } = triggerJobSchema.parse(job.data);
  const task = await deps.store.get(taskId);
  const due = kind === 'modal' ? task?.status === 'MODAL' && !!task.modal?.prompt : task?.status === 'NOT_START';
  if (!task || !due) {
    deps.log.debug({ taskId, kind, status: task?.status }, 'trigger skipped: task missing or already sent');
    return 'skipped';
  }
  const eligible = accountsForTask(await deps.registry.list(), task);
  if (!eligible.length) {
    const what = task.accountId ? `account ${task.accountId} is not enabled` : `no enabled account${task.mode ? ` in ${task.mode} mode` : ''}`;
    await failTask(deps.store, deps.events, taskId, 'no_account', what);
    return 'failed';
  }
  // A MESSAGE starts no Midjourney job. A modal submit starts the job its click only prepared: the
  // task gave its slot back while it waited in MODAL, and takes one again here (on its account).
  const needsSlot = task.action !== 'MESSAGE';
  const accountId = needsSlot ? await deps.slots.acquire(taskId, eligible, deps.store.leaseMs) : eligible[0]!.id;
  if (!accountId) throw await waitForSlot(deps, job, token, eligible);
  // Woken or not, it holds a slot now: it waits nowhere any more.
  if (needsSlot) await deps.wakeups.unpark(job.id!, eligible.map((a) => a.id));
  const account = eligible.find((a) => a.id === accountId)!;
  if (task.accountId !== accountId) await deps.store.patch(taskId, { accountId });

  const wait = await deps.gate.take(accountId);
  if (wait > 0) throw await delay(job, token, wait);
  try {
    if (task.action === 'MESSAGE' && kind === 'send') {
      await postMessageTask(deps, await deps.clients.get(account.id, account.guildId), task, account);
      return 'sent';
    }
    await send(deps, task, account, kind);
  } catch (err) {
    throw await handleSendError(deps, job, token, task, account, err);
  }
  if (kind === 'send') await deps.store.update(taskId, { status: 'SUBMITTED', fields: { startTime: Date.now() } });
  deps.log.info({ taskId, accountId, action: task.action, kind }, 'interaction sent');
  return 'sent';
}

async function send(deps: TriggerDeps, task: Task, account: Account, kind: 'send' | 'modal'): Promise<void> {
  // A fresh nonce per interaction: a modal submit's job is found by its own nonce. Vary (Region)'s
  // submit is no Discord interaction and carries none: its job answers the click, keep the click's.
  const regionSubmit = kind === 'modal' && !!task.modal && isIframeModal(task.modal);
  const nonce = regionSubmit && task.nonce ? task.nonce : makeNonce();
  const promptFull = task.action === 'IMAGINE' ? promptForTask(task, account.mode) : task.promptFull;
  await deps.store.patch(task.id, { promptFull, nonce });
  await deps.store.linkNonce(nonce, task.id);
  const ctx: InteractionContext = {
    applicationId: deps.applicationId,
    guildId: account.guildId,
    channelId: account.channelId,
    sessionId: deps.sessionId,
    nonce,
  };
  const client = await deps.clients.get(account.id, account.guildId);
  const bucket = await sendTask({ client, images: deps.images, ctx, task, promptFull: promptFull ?? '', kind, activityUrl: deps.activityUrl, log: deps.log });
  // Nothing left in the bucket: hold this account's sends until Discord resets it (§2.3).
  if (bucket.remaining === 0 && bucket.resetAfterMs) await deps.gate.pause(account.id, bucket.resetAfterMs);
}

/**
 * No slot: park the job (delayed) until a slot of an eligible account frees and wakes it. Not
 * through the queue-wide rate limiter: a job that already holds a slot (retried after a 429)
 * must still get its turn, and a paused queue could starve it behind jobs that find no slot.
 * A slot freed between the failed acquire and the parking would wake nobody: look once more.
 */
async function waitForSlot(deps: TriggerDeps, job: Job<TriggerJob>, token: string | undefined, eligible: Account[]): Promise<Error> {
  const parked = await delay(job, token, deps.slotPollMs + Math.random() * deps.slotPollMs);
  await deps.wakeups.park(job.id!, eligible.map((a) => a.id));
  const used = await Promise.all(eligible.map((a) => deps.slots.inUse(a.id)));
  if (eligible.some((a, i) => used[i]! < a.concurrency)) await job.promote().catch(() => undefined);
  return parked;
}

/** Maps a send failure to what the queue should do with the job; fails the task when it is over. */
async function handleSendError(
  deps: TriggerDeps,
  job: Job<TriggerJob>,
  token: string | undefined,
  task: Task,
  account: Account,
  err: unknown,
): Promise<Error> {
  const log = deps.log.child({ taskId: task.id, accountId: account.id });
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
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  log.warn({ err: (err as Error).message, attempt: job.attemptsMade + 1, lastAttempt }, 'send failed');
  if (lastAttempt) await failTask(deps.store, deps.events, task.id, 'discord_unavailable', (err as Error).message);
  return err as Error;
}

import type { Job } from 'bullmq';
import {
  accountsForTask,
  failTask,
  isIframeModal,
  triggerJobSchema,
  type Account,
  type AccountObserved,
  type AccountRegistry,
  type AccountSessions,
  type ImageStore,
  type Logger,
  type SlotPool,
  type SlotWakeups,
  type RecordedSend,
  type Task,
  type TaskEventPublisher,
  type TaskStore,
  type TriggerJob,
} from '@mjq/common';
import { makeNonce, type InteractionContext } from '@mjq/discord';
import type { AccountClients } from './account-clients.js';
import { withFastHours } from './fast-hours-filter.js';
import { promptForTask } from './prompt-for-task.js';
import { earlierSend, judgeEarlierAttempt, type SendAttempt } from './earlier-attempt.js';
import { postMessageTask } from './post-message.js';
import { GateClosed, handleSendError, RetryIn } from './send-errors.js';
import { sendTask } from './send-task.js';
import type { SendGate, SendRecord } from './send-gate.js';
import type { SlotSignals } from './slot-signals.js';
import { claimSlot } from './slot-claim.js';

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
  /** The accounts' live user-gateway sessions: an interaction names one (INTERACTION_* go only there). */
  sessions: AccountSessions;
  log: Logger;
  /** Pauses the whole queue through BullMQ's rate limiter; the job goes back without spending an attempt. */
  rateLimit: (ms: number) => Promise<Error>;
  /** How long a job waiting in this process for a slot waits for a wake-up before it looks again. */
  slotPollMs: number;
  /**
   * How long a parked job sleeps at most without a wake-up: the last resort (a freed slot wakes
   * one at once, and the wake-up sweep covers those nobody heard).
   */
  parkMs: number;
  /** Freed slots handed to jobs waiting for one in this process; short waits slept here. */
  signals: SlotSignals;
  /** The longest wait a job sleeps through in the process, keeping its worker slot (local-retry.ts). */
  localRetryMaxMs: number;
  /** How long a send whose outcome is unknown waits for evidence that it landed (SEND_EVIDENCE_MS). */
  evidenceMs: number;
  /** What /info last said of accounts, and how long it counts: accounts out of fast hours are passed over (fast-hours-filter.ts). */
  fastHours?: { observed: (accountIds: string[]) => Promise<ReadonlyMap<string, AccountObserved>>; maxAgeMs: number };
}

export type TriggerOutcome = 'sent' | 'skipped' | 'failed';

type Kind = 'send' | 'modal';

/** How often a job looks again for a live gateway session of its accounts (ms; jittered up to 2×). */
const SESSION_POLL_MS = 1000;

/**
 * One trigger job = one Discord interaction, sent only once the task is claimed — still due and
 * holding a slot on an account (least busy first; a button's task on its parent's account), in
 * one atomic step, so a cancel is either before (never sent) or after (counted as sent) — and the
 * account may send (Discord's limits, our per-token rate). A task that is no longer due was sent
 * already (a retried or duplicated job) or cancelled, and is skipped. A `modal` job submits the
 * text of a task that waits in MODAL, on the account that received the modal.
 * A send whose outcome is unknown is never repeated blindly: it is recorded on its task before
 * posting (take-send.lua), and a later run first looks for evidence that it landed
 * (earlier-attempt.ts). Short waits are slept in the process (local-retry.ts).
 */
export async function processTrigger(deps: TriggerDeps, job: Job<TriggerJob>, token?: string): Promise<TriggerOutcome> {
  const data = triggerJobSchema.parse(job.data);
  const { taskId, kind } = data;
  const { task, lastSend } = await deps.store.getForSend(taskId);
  const due = kind === 'modal' ? task?.status === 'MODAL' && !!task.modal?.prompt : task?.status === 'NOT_START';
  if (!task || !due) return skipped(deps, taskId, kind, task);
  const accounts = await deps.registry.list();
  const enabled = accountsForTask(accounts, task);
  const eligible = deps.fastHours ? withFastHours(enabled, task, await deps.fastHours.observed(enabled.map((a) => a.id)), Date.now(), deps.fastHours.maxAgeMs) : enabled;
  if (!eligible.length) {
    const what = task.accountId
      ? `account ${task.accountId} is not enabled`
      : enabled.length
        ? 'every eligible account is out of fast hours (/info)'
        : `no enabled account${task.mode ? ` in ${task.mode} mode` : ''}`;
    await failTask(deps.store, deps.events, taskId, 'no_account', what);
    return 'failed';
  }
  // An interaction must name a live gateway session of its account: Discord sends its
  // INTERACTION_CREATE/SUCCESS/MODAL_CREATE there only. Accounts without one are passed over.
  const sessions = task.action === 'MESSAGE' ? new Map<string, string>() : await deps.sessions.live(eligible.map((a) => a.id));
  const online = task.action === 'MESSAGE' ? eligible : eligible.filter((a) => sessions.has(a.id));
  if (!online.length) return waitForSession(deps, job, task, eligible);
  let account = online[0]!;
  if (task.action === 'MESSAGE') {
    // A MESSAGE starts no Midjourney job and takes no slot.
    if (task.accountId !== account.id) await deps.store.patch(taskId, { accountId: account.id });
  } else {
    // A modal submit starts the job its click only prepared: the task gave its slot back while
    // it waited in MODAL, and takes one again here (on its account).
    const claim = await claimSlot(deps, job, token, {
      taskId,
      kind,
      candidates: online,
      waitingOn: data.waitingOn,
      leaseMs: deps.store.leaseMs,
      idleMs: deps.store.idleTimeoutMs,
    }, accounts.filter((a) => a.enabled && !online.some((o) => o.id === a.id)), task.accountId);
    if (claim.result === 'not_due') return skipped(deps, taskId, kind, task);
    deps.store.placed(taskId, claim.placement);
    // It holds a slot now: it waits nowhere any more. Only a job fetched before can have parked.
    if (job.attemptsStarted > 1) await deps.wakeups.unpark(job.id!, online.map((a) => a.id));
    account = online.find((a) => a.id === claim.accountId)!;
  }

  const earlier = earlierSend(lastSend, kind, data.attempt);
  if (earlier) {
    // A Vary (Region) submit reuses its click's nonce, landed long ago: only its job's messages
    // (which move the task out of MODAL, so the job is no longer due) tell that it landed.
    const landed = !isRegionSubmit(task, kind) && (await deps.store.hasLanded(earlier.nonce));
    const found = judgeEarlierAttempt(earlier, landed, Date.now(), deps.evidenceMs);
    if (found.verdict === 'wait') throw new RetryIn(found.ms);
    if (found.verdict === 'landed') {
      deps.log.info({ taskId, accountId: account.id, kind, sends: earlier.count }, 'earlier send landed: not sent again');
      await markSent(deps, taskId, kind);
      return 'sent';
    }
    deps.log.warn({ taskId, accountId: account.id, kind, sends: earlier.count }, 'no evidence the earlier send landed: sending again, same nonce');
  }

  // The account's limits and pacing are taken right before the request leaves, after uploads and
  // lookups, so what Discord sees keeps the gap however long those took.
  const takeGate = async (record?: SendRecord) => {
    const wait = await deps.gate.take(account.id, Date.now(), record);
    if (wait > 0) throw new GateClosed(wait);
  };
  const sends = (earlier?.count ?? 0) + 1;
  try {
    if (task.action === 'MESSAGE' && kind === 'send') {
      await takeGate();
      await postMessageTask(deps, await deps.clients.get(account), task, account);
      return 'sent';
    }
    const send: SendOnce = { kind, nonce: nonceFor(task, kind, earlier), count: sends };
    await sendInteraction(deps, task, account, send, sessions.get(account.id) ?? '', takeGate);
  } catch (err) {
    // The gate records nothing when it refuses: the task keeps its record of earlier sends.
    if (err instanceof GateClosed) throw new RetryIn(err.waitMs);
    throw await handleSendError(deps, job, task, account, err, sends);
  }
  await markSent(deps, taskId, kind);
  deps.log.info({ taskId, accountId: account.id, action: task.action, kind }, 'interaction sent');
  return 'sent';
}

function skipped(deps: TriggerDeps, taskId: string, kind: Kind, task: Task | undefined): TriggerOutcome {
  deps.log.debug({ taskId, kind, status: task?.status }, 'trigger skipped: task missing, cancelled or already sent');
  return 'skipped';
}

async function markSent(deps: TriggerDeps, taskId: string, kind: Kind): Promise<void> {
  if (kind === 'send') await deps.store.update(taskId, { status: 'SUBMITTED', fields: { startTime: Date.now() } });
}

/**
 * One nonce per send of a job, kept when it is resent after an unknown outcome. Vary (Region)'s
 * submit is no Discord interaction and carries none: its job answers the click, keep the click's.
 */
function nonceFor(task: Task, kind: Kind, attempt: SendAttempt | undefined): string {
  if (isRegionSubmit(task, kind) && task.nonce) return task.nonce;
  return attempt?.nonce ?? makeNonce();
}

/** Vary (Region)'s submit goes to Midjourney's activity host: no Discord interaction of its own. */
function isRegionSubmit(task: Task, kind: Kind): boolean {
  return kind === 'modal' && !!task.modal && isIframeModal(task.modal);
}

/** One send of a job: its kind, nonce (kept when an unknown outcome is resent) and count. */
type SendOnce = Omit<RecordedSend, 'at'>;

async function sendInteraction(deps: TriggerDeps, task: Task, account: Account, send: SendOnce, sessionId: string, takeGate: (record: SendRecord) => Promise<void>): Promise<void> {
  const { kind, nonce } = send;
  const promptFull = task.action === 'IMAGINE' ? promptForTask(task, account.mode) : task.promptFull;
  // Recorded as the gate lets the send through, right before it is posted: whatever happens
  // next, a later run knows this send may have landed (and the listener knows the nonce).
  const record = () => ({ taskId: task.id, nonce, linkTtlS: deps.store.ttlSeconds, fields: { promptFull, nonce, _send: { ...send, at: Date.now() } } });
  const beforePost = () => takeGate(record());
  const ctx: InteractionContext = {
    applicationId: deps.applicationId,
    guildId: account.guildId,
    channelId: account.channelId,
    sessionId,
    nonce,
  };
  const client = await deps.clients.get(account);
  const bucket = await sendTask({ client, images: deps.images, ctx, task, promptFull: promptFull ?? '', kind, activityUrl: deps.activityUrl, log: deps.log, beforePost });
  // Nothing left in the bucket: hold this account's sends until Discord resets it (§2.3).
  if (bucket.remaining === 0 && bucket.resetAfterMs) await deps.gate.pause(account.id, bucket.resetAfterMs);
}

/**
 * No eligible account has a live gateway session (listeners down or reconnecting): look again in
 * a moment. A task that waited longer than the idle timeout for one fails `account_offline`.
 */
async function waitForSession(deps: TriggerDeps, job: Job<TriggerJob>, task: Task, eligible: Account[]): Promise<TriggerOutcome> {
  const accounts = eligible.map((a) => a.id).join(', ');
  if (Date.now() - job.timestamp > deps.store.idleTimeoutMs) {
    await failTask(deps.store, deps.events, task.id, 'account_offline', `no live gateway session for ${accounts}`);
    return 'failed';
  }
  deps.log.debug({ taskId: task.id, accounts }, 'no live gateway session: waiting');
  // In the process: the queue keeps the jobs behind this one in their order meanwhile.
  throw new RetryIn(SESSION_POLL_MS + Math.random() * SESSION_POLL_MS);
}


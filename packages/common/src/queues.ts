import { z } from 'zod';

/**
 * The job catalog: each queue's name, payload schema and retry policy, declared once for
 * producers and consumers alike. Services never spell a queue name themselves.
 */
export const QUEUE_NAMES = {
  trigger: 'trigger',
  callback: 'callback',
  /** Account commands (/info, /settings and its clicks, /fast, /relax, /turbo): no job, no slot. */
  accountCommand: 'account-command',
} as const;

/** One account command's interaction; the request itself is in Redis (account-commands.ts). */
export const accountCommandJobSchema = z.object({ requestId: z.string() });
export type AccountCommandJob = z.infer<typeof accountCommandJobSchema>;

/**
 * `send`: the task's interaction (command, click or upload); `modal`: the submit of a modal the
 * click opened, with the text the client gave (task.modal.prompt).
 */
export const TRIGGER_KINDS = ['send', 'modal'] as const;

/**
 * The last send of a trigger job whose outcome is not known to have failed, kept on its task
 * (field `_send`, written by take-send.lua as the send is let through, before the interaction is
 * posted): a retry, or a takeover after a crash, first looks for evidence that it landed instead
 * of sending a second Midjourney job.
 */
export const recordedSendSchema = z.object({
  kind: z.enum(TRIGGER_KINDS),
  nonce: z.string(),
  at: z.number().int(),
  /** Sends of the job so far, this one included. */
  count: z.number().int().min(1),
});
export type RecordedSend = z.infer<typeof recordedSendSchema>;

export const triggerJobSchema = z.object({
  taskId: z.string().regex(/^\d+$/),
  kind: z.enum(TRIGGER_KINDS).default('send'),
  /** Accounts whose wait queue admitted the task (it leaves them once claimed for sending). */
  waitingOn: z.array(z.string()).optional(),
  /**
   * Where jobs of earlier versions recorded their last send (now on the task: `recordedSendSchema`);
   * still honoured, so that a job in flight across an upgrade is not sent twice.
   */
  attempt: recordedSendSchema.omit({ kind: true }).optional(),
  /** Sends of this job refused by Discord's edge (non-JSON 403): each doubles the wait before the next. */
  edgeBlocks: z.number().int().min(1).optional(),
});
/** What producers enqueue (`kind` defaults to `send`); consumers parse it with the schema. */
export type TriggerJob = z.input<typeof triggerJobSchema>;

/** `cancel`: released by the client before it finished. `modal`: the task waits in MODAL for the client's text (POST /v1/api/trigger/modal). */
export const CALLBACK_EVENTS = ['start', 'generating', 'end', 'error', 'banned', 'modal', 'cancel'] as const;
export type CallbackEvent = (typeof CALLBACK_EVENTS)[number];

export const callbackJobSchema = z.object({
  taskId: z.string(),
  event: z.enum(CALLBACK_EVENTS),
  url: z.string().url(),
  /** The task's revision this callback reports; orders a task's callbacks. */
  revision: z.number().int().min(1),
  body: z.record(z.string(), z.unknown()),
  /**
   * A retry job's: tries made before the job (its deliverer's own, callback-queue.ts), counted
   * in CALLBACK_ATTEMPTS and the schedule.
   */
  priorAttempts: z.number().int().min(0).optional(),
  /** Set when the deliverer's try was the last one (or the target is refused): the job only records the failure. */
  givenUp: z.string().optional(),
});
export type CallbackJob = z.infer<typeof callbackJobSchema>;

/** BullMQ backoff type of callbacks: the listener's worker maps it to CALLBACK_RETRY_SCHEDULE. */
export const CALLBACK_BACKOFF = 'callback-schedule';

export const JOB_POLICIES = {
  /** One Discord interaction. 5xx/network errors retry with backoff; 4xx are unrecoverable. */
  trigger: {
    attempts: 5,
    backoff: { type: 'exponential', delay: 1000 },
    // An hour on the dashboard; the task record, not the job, is what lasts (and what
    // claim-send checks, so a job added again for a finished task sends nothing).
    removeOnComplete: { age: 3600 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
  /** One account command, sent once: a failed send fails the request (the caller may ask again). */
  accountCommand: { attempts: 1, removeOnComplete: { age: 3600 }, removeOnFail: { age: 24 * 3600 } },
  /**
   * Callback retries: a callback's first try needs no job (callback-queue.ts); one that failed
   * is retried by a job, and one that never got through stays visible as a failed job.
   */
  callback: {
    backoff: { type: CALLBACK_BACKOFF },
    removeOnComplete: { age: 3600 },
    removeOnFail: false,
  },
} as const;

/** Deterministic job ids make enqueueing idempotent (BullMQ ignores a duplicate jobId). */
export const jobIds = {
  // BullMQ refuses a custom id that reads as an integer ("Custom Id cannot be integers"), and a
  // task id does whenever it survives a round trip through a double: always prefix it.
  trigger: (taskId: string) => `task-${taskId}`,
  /** A separate id: the click's job may still be kept (completed) under the one above. */
  modal: (taskId: string) => `task-${taskId}-modal`,
  /** The callback's `webhook-id` (and its retry job's id): one per applied change, the same on every retry. */
  callback: (taskId: string, revision: number, event: CallbackEvent) => `${taskId}-${revision}-${event}`,
};

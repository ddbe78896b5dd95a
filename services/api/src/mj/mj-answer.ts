import { accountsForTask, type Task } from '@mjq/common';
import type { ApiContext } from '../context.js';

// midjourney-proxy's answer to a submit: `{code, description, result, properties}` with its
// ReturnCode values. Relays read `code` (and rewrite `"code":21` / `"code":22` in the raw body).

export const MJ_CODES = {
  SUCCESS: 1,
  NOT_FOUND: 3,
  VALIDATION_ERROR: 4,
  FAILURE: 9,
  /** The task waits for the client's modal text (Custom Zoom, Vary (Region)). */
  EXISTED: 21,
  IN_QUEUE: 22,
  QUEUE_REJECTED: 23,
  BANNED_PROMPT: 24,
} as const;

export interface MjSubmitResult {
  code: number;
  description: string;
  /** The task id (a string); null when nothing was accepted. */
  result: string | null;
  properties: Record<string, unknown>;
}

export function mjSuccess(taskId: string, description = 'Submit success', properties: Record<string, unknown> = {}): MjSubmitResult {
  return { code: MJ_CODES.SUCCESS, description, result: taskId, properties };
}

/** mjq's error codes (AppError) as the proxy's. */
const FROM_MJQ: Record<string, number> = {
  VALIDATION_ERROR: MJ_CODES.VALIDATION_ERROR,
  INVALID_JSON: MJ_CODES.VALIDATION_ERROR,
  BAD_REQUEST: MJ_CODES.VALIDATION_ERROR,
  PAYLOAD_TOO_LARGE: MJ_CODES.VALIDATION_ERROR,
  CALLBACK_URL_FORBIDDEN: MJ_CODES.VALIDATION_ERROR,
  INVALID_ACTION: MJ_CODES.VALIDATION_ERROR,
  NOT_IN_MODAL: MJ_CODES.VALIDATION_ERROR,
  NOT_AN_IMAGE: MJ_CODES.VALIDATION_ERROR,
  FILE_TOO_LARGE: MJ_CODES.VALIDATION_ERROR,
  MISSING_FILE: MJ_CODES.VALIDATION_ERROR,
  UNAUTHORIZED: MJ_CODES.VALIDATION_ERROR,
  NOT_FOUND: MJ_CODES.NOT_FOUND,
  UNKNOWN_TASK: MJ_CODES.NOT_FOUND,
  UNKNOWN_MESSAGE: MJ_CODES.NOT_FOUND,
  UNKNOWN_UPLOAD: MJ_CODES.NOT_FOUND,
  NO_ACCOUNT: MJ_CODES.NOT_FOUND,
  QUEUE_FULL: MJ_CODES.QUEUE_REJECTED,
  RATE_LIMITED: MJ_CODES.QUEUE_REJECTED,
  KEY_LIMIT: MJ_CODES.QUEUE_REJECTED,
  BANNED_PROMPT: MJ_CODES.BANNED_PROMPT,
};

/**
 * Refusals whose HTTP status stays: a relay must see a bad key (401, 403) and a key over its limits
 * (429, Retry-After) as such. Every other refusal is HTTP 200 with its code, as the proxies answer
 * (a full queue too: code 23).
 */
const KEEP_STATUS = new Set([401, 403]);
const KEEP_CODES = new Set(['RATE_LIMITED', 'KEY_LIMIT']);

/**
 * An error of a /mj route as the proxy answers it: HTTP 200 with the code (404 for a fetch of an
 * unknown task), except 401 and 429. mjq's own code stays in `properties.error`.
 */
export function mjError(status: number, mjqCode: string, message: string, details?: unknown): { status: number; body: MjSubmitResult } {
  const code = FROM_MJQ[mjqCode] ?? (status >= 400 && status < 500 ? MJ_CODES.VALIDATION_ERROR : MJ_CODES.FAILURE);
  const properties: Record<string, unknown> = { error: mjqCode };
  const terms = (details as { terms?: unknown } | undefined)?.terms;
  if (code === MJ_CODES.BANNED_PROMPT && Array.isArray(terms)) properties.bannedWord = String(terms[0] ?? '');
  const triggerId = (details as { trigger_id?: unknown } | undefined)?.trigger_id;
  const result = code === MJ_CODES.BANNED_PROMPT && typeof triggerId === 'string' ? triggerId : null;
  // A fetch of an unknown task (NOT_FOUND, not a submit's UNKNOWN_TASK) is a 404, as the proxies answer it.
  const keep = KEEP_STATUS.has(status) || KEEP_CODES.has(mjqCode) || mjqCode === 'NOT_FOUND';
  return { status: keep ? status : 200, body: { code, description: message, result, properties } };
}

/**
 * 1, or 22 "in queue" when every slot of the accounts that may run it is taken, with how many
 * tasks wait before it (a best-effort look: the dispatcher may claim it a moment later).
 */
export async function submittedAnswer(ctx: ApiContext, task: Task): Promise<MjSubmitResult> {
  const accounts = accountsForTask(await ctx.accounts.list(), task);
  if (!accounts.length) return mjSuccess(task.id);
  const keys = ctx.store.keys;
  const multi = ctx.redis.multi();
  for (const a of accounts) multi.zcard(keys.slots(a.id)).scard(keys.waiting(a.id));
  const counts = ((await multi.exec()) ?? []).map(([, n]) => Number(n));
  const busy = counts.filter((_, i) => i % 2 === 0).reduce((s, n) => s + n, 0);
  const waiting = counts.filter((_, i) => i % 2 === 1).reduce((s, n) => s + n, 0);
  const capacity = accounts.reduce((s, a) => s + a.concurrency, 0);
  if (busy < capacity) return mjSuccess(task.id);
  const ahead = Math.max(waiting - 1, 0);
  return {
    code: MJ_CODES.IN_QUEUE,
    description: `In queue, there are ${ahead} tasks ahead`,
    result: task.id,
    properties: { numberOfQueues: ahead, discordInstanceId: accounts[0]!.id },
  };
}

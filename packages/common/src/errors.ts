/**
 * Stable, machine-readable error codes. API answers carry one of these in `code`;
 * tasks that fail carry one in `failCode`.
 */
export const ERROR_CODES = {
  VALIDATION_ERROR: 400,
  /** A callback URL that points at a loopback, private, link-local or metadata address. */
  CALLBACK_URL_FORBIDDEN: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  QUEUE_FULL: 429,
  /** An API key over its requests per second (Retry-After says when to try again). */
  RATE_LIMITED: 429,
  /** An API key over its tasks at once or tasks per day. */
  KEY_LIMIT: 429,
  INTERNAL_ERROR: 500,
  REDIS_UNAVAILABLE: 503,
  NO_ACCOUNT: 503,
  BANNED_PROMPT: 400,
  /** A `--parameter` Midjourney would refuse: unknown, out of range, or conflicting (details.parameter). */
  INVALID_PARAMETER: 400,
  ADMIN_DISABLED: 403,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
  /** msg_id / trigger_id of no known task (or of a task that produced no such message). */
  UNKNOWN_MESSAGE: 404,
  UNKNOWN_TASK: 404,
  /** upload_filename that /upload never returned (or that expired). */
  UNKNOWN_UPLOAD: 404,
  /** A button that is not on the message, or a parent that has not finished. */
  INVALID_ACTION: 400,
  /** A modal input for a task that is not waiting in MODAL (or was already given one). */
  NOT_IN_MODAL: 409,
  MISSING_FILE: 400,
  NOT_AN_IMAGE: 415,
  FILE_TOO_LARGE: 413,
  /** A synchronous endpoint (/message) whose task did not finish in time: poll trigger_id. */
  STILL_RUNNING: 504,
  /** Midjourney did not answer an account command (/info, /settings, a mode switch) in time. */
  MJ_TIMEOUT: 504,
  /** Midjourney or Discord refused an account command (an error embed, a rejected interaction). */
  MJ_REFUSED: 502,
  /** A synchronous endpoint (/message) whose task ran and failed upstream (Discord refused…). */
  TASK_FAILED: 502,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

/** An error meant to reach an API caller: it knows its HTTP status and code. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_CODES[code];
  }

  toBody(): ErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Why a task failed; stored as Task.failCode. */
export const FAIL_CODES = [
  'discord_rejected',
  'discord_unavailable',
  'enqueue_failed',
  'no_account',
  /** No account that may run the task had a live gateway session for the idle timeout. */
  'account_offline',
  'midjourney_error',
  'moderated',
  'timeout',
  'cancelled',
  /** The task cannot be sent as stored (e.g. its uploaded image expired before its turn). */
  'invalid_task',
] as const;
export type FailCode = (typeof FAIL_CODES)[number];

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
  INTERNAL_ERROR: 500,
  REDIS_UNAVAILABLE: 503,
  NO_ACCOUNT: 503,
  BANNED_PROMPT: 400,
  ADMIN_DISABLED: 403,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
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
  'midjourney_error',
  'moderated',
  'timeout',
  'cancelled',
] as const;
export type FailCode = (typeof FAIL_CODES)[number];

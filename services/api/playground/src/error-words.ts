// The API's error codes and the tasks' fail codes in words a person trying mjq understands.
// The code itself is shown beside the words, so nothing is hidden from someone writing a client.

const API_ERRORS: Record<string, string> = {
  VALIDATION_ERROR: 'The request was not accepted as written',
  INVALID_JSON: 'The request body was not valid JSON',
  BAD_REQUEST: 'The request was malformed',
  PAYLOAD_TOO_LARGE: 'The request is too large',
  CALLBACK_URL_FORBIDDEN: 'The callback URL points at a private or local address',
  BANNED_PROMPT: 'The prompt contains a banned word',
  UNAUTHORIZED: 'The API key is missing or wrong: enter a valid key under "API key"',
  FORBIDDEN: 'This key may not do that',
  ADMIN_DISABLED: 'The admin API is disabled',
  NOT_FOUND: 'Not found',
  CONFLICT: 'That conflicts with the current state',
  QUEUE_FULL: 'The queue is full: try again when some tasks have finished',
  NO_ACCOUNT: 'No Midjourney account is enabled to run this',
  REDIS_UNAVAILABLE: 'mjq cannot reach its database (Redis) right now',
  SERVICE_UNAVAILABLE: 'mjq is not ready right now',
  INTERNAL_ERROR: 'mjq ran into an internal error',
  UNKNOWN_MESSAGE: 'mjq knows no task that produced that message',
  UNKNOWN_TASK: 'mjq knows no such task (it may have expired)',
  UNKNOWN_UPLOAD: 'That uploaded image is unknown or expired: upload it again',
  INVALID_ACTION: 'That button cannot be clicked on this result',
  NOT_IN_MODAL: 'That task is no longer waiting for text',
  MISSING_FILE: 'Choose an image file first',
  NOT_AN_IMAGE: 'That file is not a PNG, JPEG, GIF or WebP image',
  FILE_TOO_LARGE: 'That file is larger than 25 MB',
  STILL_RUNNING: 'Posting the image took too long; it may still finish',
  TASK_FAILED: 'Posting the image to Discord failed',
  NETWORK: 'mjq could not be reached: is it running?',
};

const FAIL_CODES: Record<string, string> = {
  banned_prompt: 'Midjourney refused the prompt (banned words)',
  invalid_parameter: 'Midjourney refused a parameter of the prompt',
  invalid_link: 'Midjourney could not use the image link',
  queue_full: "Midjourney's queue for the account was full",
  action_needed: 'The Midjourney account needs attention (an action is required)',
  pending_mod: 'The Midjourney account awaits a moderator',
  credits_exhausted: "The Midjourney account's fast hours are used up",
  subscription_required: 'The Midjourney account has no subscription',
  blocked: 'The Midjourney account is blocked',
  moderated: 'Midjourney removed the job (moderation)',
  output_filtered: "Midjourney's filter hid the result",
  duplicate_images: 'Midjourney refused duplicate images',
  tos_not_accepted: "The Midjourney account has not accepted Midjourney's terms",
  restricted: 'The Midjourney account is restricted',
  midjourney_error: 'Midjourney answered with an error',
  failed: 'Midjourney said the job failed',
  unknown_error: 'Midjourney answered with an unknown error',
  timeout: 'No progress for too long: the task timed out',
  cancelled: 'The task was cancelled',
  discord_rejected: 'Discord refused the request',
  discord_unavailable: 'Discord could not be reached',
  no_account: 'No Midjourney account could run it',
  account_offline: 'No account was connected to Discord in time',
  enqueue_failed: 'mjq could not queue the task',
  invalid_task: 'The task could not be sent as stored (its upload may have expired)',
};

/** An error answer of mjq's API: `{code, message, details?}`. */
export interface ApiErrorBody {
  code?: string;
  message?: string;
  details?: unknown;
}

/** "Words (CODE): server message", the server's message only when it adds something. */
export function apiErrorText(status: number, body: ApiErrorBody | undefined): string {
  const code = body?.code;
  const words = (code && API_ERRORS[code]) || `The request failed with HTTP ${status}`;
  const tag = code ? ` (${code})` : '';
  const extra = body?.message && !['NOT_FOUND', 'UNAUTHORIZED', 'INVALID_JSON'].includes(code ?? '') ? `: ${body.message}` : '';
  return `${words}${tag}${extra}`;
}

/** Why a task failed, in words; the raw reason follows when Midjourney or Discord gave one. */
export function failureText(failCode: string | undefined, failReason: string | undefined): string {
  const words = failCode ? (FAIL_CODES[failCode] ?? `Failed (${failCode})`) : 'Failed';
  const reason = failReason && failReason !== words ? ` — ${failReason}` : '';
  return `${words}${reason}`;
}

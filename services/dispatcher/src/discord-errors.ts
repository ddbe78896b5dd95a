/** Discord said "slow down": wait `retryAfterMs` (on every route when `global`). */
export class DiscordRateLimited extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly global: boolean,
  ) {
    super(`Discord rate limit: retry after ${retryAfterMs} ms${global ? ' (global)' : ''}`);
    this.name = 'DiscordRateLimited';
  }
}

/** A 4xx other than 429: sending the same request again cannot succeed. */
export class DiscordRejected extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    const b = body as { code?: number; message?: string } | undefined;
    super(`Discord rejected the request: ${status}${b?.code !== undefined ? ` code ${b.code}` : ''}${b?.message ? ` ${b.message}` : ''}`);
    this.name = 'DiscordRejected';
  }
}

/**
 * A 403 that is not Discord's JSON: Cloudflare in front of Discord refused the request (`error
 * code: 1010`, text or HTML) for how the client looks, before Discord's API saw it (§5.2). Says
 * nothing about the account, and nothing was done: sending again later is safe.
 */
export class DiscordEdgeBlocked extends Error {
  constructor(
    readonly status: number,
    /** The start of the edge's answer, for the log (it names the rule, e.g. `error code: 1010`). */
    readonly excerpt: string,
  ) {
    super(`Discord's edge blocked the request: ${status} ${excerpt}`);
    this.name = 'DiscordEdgeBlocked';
  }
}

/** 5xx, timeout or network error: worth retrying later. */
export class DiscordUnavailable extends Error {
  constructor(
    message: string,
    /**
     * False only when the request provably never reached Discord (refused or unresolvable
     * connection, connect timeout); a 5xx, a reset or a response timeout may follow an action
     * Discord already took.
     */
    readonly mayHaveLanded = true,
  ) {
    super(message);
    this.name = 'DiscordUnavailable';
  }
}

/**
 * An interaction whose answer was lost (5xx, reset, timeout): Discord may have started its job.
 * Never resent blindly; the trigger processor looks for evidence that it landed first.
 */
export class InteractionOutcomeUnknown extends DiscordUnavailable {
  constructor(cause: DiscordUnavailable) {
    super(`outcome unknown: ${cause.message}`);
    this.name = 'InteractionOutcomeUnknown';
  }
}

/** Connection errors raised before a single byte of the request can have reached the server. */
const NEVER_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NEVER_SENT_TIMEOUTS = new Set(['lookup', 'connect', 'secureConnect']);

/** Whether a failed request (a got error) may have reached Discord. */
export function mayHaveLanded(err: unknown): boolean {
  const { code, event } = (err ?? {}) as { code?: string; event?: string };
  if (code && NEVER_SENT_CODES.has(code)) return false;
  if (code === 'ETIMEDOUT' && event && NEVER_SENT_TIMEOUTS.has(event)) return false;
  return true;
}

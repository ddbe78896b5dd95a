import { describeAnswer, DiscordRequestError, type DiscordRequestContext } from '@mjq/discord';

// Every failure of a Discord call is one of the classes below, each a DiscordRequestError: it
// keeps the method, the route, the status and Discord's code, message and field errors, so that
// a log line or a task's failReason says which call failed and why (never with a token).

/** Discord said "slow down": wait `retryAfterMs` (on every route when `global`). */
export class DiscordRateLimited extends DiscordRequestError {
  /** Always known: an answer came. */
  declare readonly status: number;

  constructor(
    context: DiscordRequestContext,
    readonly retryAfterMs: number,
    readonly global: boolean,
  ) {
    super(`Discord rate limit on ${context.method} ${context.route}: retry after ${retryAfterMs} ms${global ? ' (global)' : ''}`, context);
    this.name = 'DiscordRateLimited';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), retryAfterMs: this.retryAfterMs, global: this.global };
  }
}

/** A 4xx other than 429: sending the same request again cannot succeed. */
export class DiscordRejected extends DiscordRequestError {
  /** Always known: an answer came. */
  declare readonly status: number;

  constructor(
    context: DiscordRequestContext,
    /** The answer as received (parsed JSON, else text): send-task.ts looks into it for stale commands. */
    readonly body: unknown,
  ) {
    super(`Discord rejected ${context.method} ${context.route}: ${describeAnswer(context)}`, context);
    this.name = 'DiscordRejected';
  }
}

/**
 * A 403 that is not Discord's JSON: Cloudflare in front of Discord refused the request (`error
 * code: 1010`, text or HTML) for how the client looks, before Discord's API saw it (§5.2). Says
 * nothing about the account, and nothing was done: sending again later is safe.
 */
export class DiscordEdgeBlocked extends DiscordRequestError {
  /** Always known: an answer came. */
  declare readonly status: number;

  constructor(
    context: DiscordRequestContext,
    /** The start of the edge's answer, for the log (it names the rule, e.g. `error code: 1010`). */
    readonly excerpt: string,
  ) {
    super(`Discord's edge blocked ${context.method} ${context.route}: ${context.status} ${excerpt}`, context);
    this.name = 'DiscordEdgeBlocked';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), excerpt: this.excerpt };
  }
}

/** 5xx, timeout, network error or an answer that makes no sense: worth retrying later. */
export class DiscordUnavailable extends DiscordRequestError {
  constructor(
    /** What went wrong, after the request's method and route. */
    what: string,
    context: DiscordRequestContext,
    /**
     * False only when the request provably never reached Discord (refused or unresolvable
     * connection, connect timeout); a 5xx, a reset or a response timeout may follow an action
     * Discord already took.
     */
    readonly mayHaveLanded = true,
  ) {
    super(`${context.method} ${context.route}: ${what}`, context);
    this.name = 'DiscordUnavailable';
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), mayHaveLanded: this.mayHaveLanded };
  }
}

/**
 * An interaction whose answer was lost (5xx, reset, timeout): Discord may have started its job.
 * Never resent blindly; the trigger processor looks for evidence that it landed first.
 */
export class InteractionOutcomeUnknown extends DiscordUnavailable {
  constructor(cause: DiscordUnavailable) {
    super('outcome unknown', cause.context);
    // The cause's own message already names the request: keep it whole after the verdict.
    this.message = `outcome unknown: ${cause.message}`;
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

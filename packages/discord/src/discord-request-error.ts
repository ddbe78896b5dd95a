/**
 * Where a failed Discord request went and what Discord answered (§2.2), as discord.js's
 * DiscordAPIError keeps it: enough to tell failures apart in a log without the request itself.
 * Never a token, a header or a signed URL: the route is a template, not the URL.
 */
export interface DiscordRequestContext {
  method: string;
  /** The path as a template, ids as `:id` and without `/api/v9`: `/channels/:id/attachments`. */
  route: string;
  /** Undefined when no answer came (refused connection, timeout, reset). */
  status?: number;
  /** Discord's JSON error code (50035, 50013, …): compare these, never the localized message. */
  code?: number;
  /** Discord's error message, as sent (localized to the account's language). */
  discordMessage?: string;
  /** The field errors of a 50035, one `path: CODE message` line each (flattenFieldErrors). */
  fieldErrors?: string[];
}

/** Field errors kept per error: a refused form names a few fields; a log line stays bounded. */
const MAX_FIELD_ERRORS = 20;

/**
 * A 50035's nested `errors` (§2.2) as one line per field error, `path: CODE message`, the path in
 * Discord's own keys (`data.options[0].value`); `(body)` for errors of the whole body.
 */
export function flattenFieldErrors(errors: unknown): string[] {
  const lines: string[] = [];
  const walk = (node: unknown, path: string) => {
    if (!isRecord(node)) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === '_errors' && Array.isArray(child)) {
        for (const e of child) {
          const { code, message } = isRecord(e) ? e : ({} as Record<string, unknown>);
          lines.push(`${path || '(body)'}: ${[code, message].filter((p) => typeof p === 'string' && p).join(' ')}`);
        }
      } else {
        walk(child, /^\d+$/.test(key) ? `${path}[${key}]` : path ? `${path}.${key}` : key);
      }
    }
  };
  walk(errors, '');
  if (lines.length <= MAX_FIELD_ERRORS) return lines;
  return [...lines.slice(0, MAX_FIELD_ERRORS), `… ${lines.length - MAX_FIELD_ERRORS} more`];
}

/** What Discord's JSON error body says (§2.2); nothing for a body that is not one (an edge's page, XML). */
export function readDiscordError(body: unknown): Pick<DiscordRequestContext, 'code' | 'discordMessage' | 'fieldErrors'> {
  if (!isRecord(body)) return {};
  const read: Pick<DiscordRequestContext, 'code' | 'discordMessage' | 'fieldErrors'> = {};
  if (typeof body.code === 'number') read.code = body.code;
  if (typeof body.message === 'string' && body.message) read.discordMessage = body.message;
  const fieldErrors = flattenFieldErrors(body.errors);
  if (fieldErrors.length) read.fieldErrors = fieldErrors;
  return read;
}

/** `400 code 50035 Invalid Form Body (data.options[0].value: BASE_TYPE_MAX_LENGTH …)`: Discord's answer in one line. */
export function describeAnswer(context: DiscordRequestContext): string {
  const parts = [
    context.status === undefined ? undefined : String(context.status),
    context.code === undefined ? undefined : `code ${context.code}`,
    context.discordMessage,
    context.fieldErrors?.length ? `(${context.fieldErrors.join('; ')})` : undefined,
  ];
  return parts.filter(Boolean).join(' ');
}

/**
 * A failed request to Discord (or a host it sends us to), carrying its context as fields of its
 * own: pino's `err` serializer and `toJSON()` both log them as structured fields, and `context`
 * gives them alone for a log line of one's own.
 */
export class DiscordRequestError extends Error {
  readonly method: string;
  readonly route: string;
  readonly status: number | undefined;
  readonly code: number | undefined;
  readonly discordMessage: string | undefined;
  readonly fieldErrors: string[] | undefined;

  constructor(message: string, context: DiscordRequestContext) {
    super(message);
    this.name = 'DiscordRequestError';
    this.method = context.method;
    this.route = context.route;
    this.status = context.status;
    this.code = context.code;
    this.discordMessage = context.discordMessage;
    this.fieldErrors = context.fieldErrors;
  }

  /** The request and Discord's answer, without the fields that are unknown. */
  get context(): DiscordRequestContext {
    const context: DiscordRequestContext = { method: this.method, route: this.route };
    if (this.status !== undefined) context.status = this.status;
    if (this.code !== undefined) context.code = this.code;
    if (this.discordMessage !== undefined) context.discordMessage = this.discordMessage;
    if (this.fieldErrors !== undefined) context.fieldErrors = this.fieldErrors;
    return context;
  }

  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message, ...this.context };
  }
}

/**
 * A failure as the fields of a log line: its message, and for a Discord request its context
 * (`discord: {method, route, status, code, …}`), so that failures can be grouped by route and code.
 */
export function failureLogFields(err: unknown): { err: string; discord?: DiscordRequestContext } {
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof DiscordRequestError ? { err: message, discord: err.context } : { err: message };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Fields that may hold secrets, wherever they appear in a logged object. */
export const SECRET_KEYS: ReadonlySet<string> = new Set([
  'token',
  'userToken',
  'botToken',
  'authorization',
  'Authorization',
  'apiKey',
  'apiKeys',
  'api_key',
  'password',
  'secret',
  'webhookSecret',
  'mj-api-secret',
  'x-api-key',
  'secretAccessKey',
  'sessionToken',
  // Proxy URLs may carry credentials (DISCORD_PROXY, an account's `proxy`).
  'proxy',
  'DISCORD_PROXY',
]);

export const CENSOR = '[redacted]';
/** Deeper than anything we log; beyond it a value is left out rather than walked. */
const MAX_DEPTH = 8;

/**
 * A logged object with every secret field replaced by CENSOR, at any depth (errors and their
 * causes included). Returns the object itself when it holds nothing to hide or walk — the usual
 * flat `{ taskId, status }` costs a look at its keys. Pino's path redaction with wildcards ran
 * its redactor over every key of every line: the largest cost of a log call.
 */
export function redactSecrets<T>(value: T): T {
  return scrub(value, 0, new WeakSet()) as T;
}

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  if (depth > MAX_DEPTH) return '[too deep]';
  if (value instanceof Date || Buffer.isBuffer(value)) return value;
  seen.add(value);
  try {
    if (value instanceof Error) return scrubError(value, depth, seen);
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      value.forEach((item, i) => {
        const clean = scrub(item, depth + 1, seen);
        if (clean !== item) (copy ??= [...value])[i] = clean;
      });
      return copy ?? value;
    }
    return scrubFields(value, () => ({ ...value }), depth, seen);
  } finally {
    seen.delete(value);
  }
}

/** The object, or a copy (made by `copy`) with its secret and scrubbed fields replaced. */
function scrubFields<T extends object>(value: T, copy: () => T, depth: number, seen: WeakSet<object>): T {
  let result: T | undefined;
  for (const [key, item] of Object.entries(value)) {
    const clean = SECRET_KEYS.has(key) && item !== undefined ? CENSOR : scrub(item, depth + 1, seen);
    if (clean !== item) (result ??= copy() as T & Record<string, unknown>)[key as keyof T] = clean as T[keyof T];
  }
  return result ?? value;
}

/**
 * An error, or a copy of the same class (pino's serializer still names its type and stack) with
 * the secrets among its fields, and its cause's, hidden.
 */
function scrubError(err: Error, depth: number, seen: WeakSet<object>): Error {
  const cause = 'cause' in err ? scrub(err.cause, depth + 1, seen) : undefined;
  const copy = (): Error => {
    const twin = Object.create(Object.getPrototypeOf(err) as object) as Error;
    for (const key of ['message', 'stack', 'cause'] as const) {
      if (key in err) Object.defineProperty(twin, key, { value: key === 'cause' ? cause : err[key], writable: true, configurable: true });
    }
    return Object.assign(twin, err);
  };
  const result = scrubFields(err, copy, depth, seen);
  return result === err && cause !== (err as { cause?: unknown }).cause ? copy() : result;
}

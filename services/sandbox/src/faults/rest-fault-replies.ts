import { json, type Reply } from '../http/http-io.js';
import { bucketHash } from '../rest/rate-limiter.js';

export interface TooManyRequests {
  retryAfterMs: number;
  global: boolean;
  /** `METHOD /route/template`: the bucket hash is derived from it, as the real limiter's is. */
  route: string;
  /** `X-RateLimit-Limit` of the bucket (non-global only). */
  limit: number;
  now?: number;
}

/**
 * A 429 as Discord answers it (§2.3): JSON body `{message, retry_after (s), global}`, `Retry-After`
 * in seconds (decimals kept, so a 50 ms test wait is not rounded up to a second), and either the
 * bucket headers with scope `user`, or `X-RateLimit-Global: true` with scope `global` — a global
 * limit has no bucket, and @discordjs/rest blocks every route on the Global header.
 */
export function tooManyRequests(t: TooManyRequests): Reply {
  const seconds = t.retryAfterMs / 1000;
  const retryAfter = String(Number(seconds.toFixed(3)));
  const body = { message: 'You are being rate limited.', retry_after: Number(seconds.toFixed(3)), global: t.global };
  if (t.global) return json(429, body, { 'Retry-After': retryAfter, 'X-RateLimit-Global': 'true', 'X-RateLimit-Scope': 'global' });
  const now = t.now ?? Date.now();
  return json(429, body, {
    'Retry-After': retryAfter,
    'X-RateLimit-Limit': String(t.limit),
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((now + t.retryAfterMs) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': seconds.toFixed(3),
    'X-RateLimit-Bucket': bucketHash(t.route),
    'X-RateLimit-Scope': 'user',
  });
}

/** Cloudflare/Discord gateway errors: JSON (§2.2: clients only parse bodies typed as JSON). */
export function serverError(status: 502 | 503): Reply {
  return status === 502
    ? json(502, { message: '502: Bad Gateway', code: 0 })
    : json(503, { message: '503: Service Unavailable', code: 0 });
}

/**
 * Cloudflare's "browser signature banned" (§5.2): a plain-text 403, not Discord's JSON, so a
 * client can tell it from Discord refusing the account (403 with `code` 50001/50013).
 */
export function edgeBlocked(): Reply {
  return { status: 403, bytes: { data: Buffer.from('error code: 1010'), contentType: 'text/plain; charset=UTF-8' } };
}

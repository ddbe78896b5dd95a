import { createHash } from 'node:crypto';
import type { RuntimeConfig } from '../config.js';
import { json, type Reply } from '../http/http-io.js';

interface Window {
  resetAt: number;
  used: number;
}

export type RateDecision = { allowed: true; headers: Record<string, string> } | { allowed: false; reply: Reply };

/**
 * Fixed-window buckets per token, route and major parameter (channel or guild id), with Discord's
 * headers on every answer of a limited route and a 429 that always says how long to wait (§2.3:
 * without `Retry-After` discord.js retries at once, in a loop).
 */
export class RateLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly config: () => RuntimeConfig['rateLimit']) {}

  take(token: string, route: string, major: string, now = Date.now()): RateDecision {
    const { limit, windowMs } = this.config();
    const key = `${token}\n${route}\n${major}`;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + windowMs, used: 0 };
      this.windows.set(key, window);
    }
    const resetAfterS = (window.resetAt - now) / 1000;
    const headers: Record<string, string> = {
      'X-RateLimit-Limit': String(limit),
      'X-RateLimit-Remaining': String(Math.max(0, limit - window.used - 1)),
      'X-RateLimit-Reset': (window.resetAt / 1000).toFixed(3),
      'X-RateLimit-Reset-After': resetAfterS.toFixed(3),
      'X-RateLimit-Bucket': bucketHash(route),
    };
    if (window.used >= limit) {
      headers['X-RateLimit-Remaining'] = '0';
      headers['X-RateLimit-Scope'] = 'user';
      // Whole seconds, rounded up, as Discord sends it: a client that parses it as an integer must
      // never read 0 and retry at once. The body keeps the precise value.
      headers['Retry-After'] = String(Math.ceil(resetAfterS));
      const body = { message: 'You are being rate limited.', retry_after: Number(resetAfterS.toFixed(3)), global: false };
      return { allowed: false, reply: json(429, body, headers) };
    }
    window.used += 1;
    return { allowed: true, headers };
  }

  /** Requests per bucket window now (`X-RateLimit-Limit`). */
  limit(): number {
    return this.config().limit;
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Opaque, stable per route: routes sharing a hash share a limit, as on Discord. */
export function bucketHash(route: string): string {
  return createHash('sha1').update(route).digest('hex').slice(0, 32);
}

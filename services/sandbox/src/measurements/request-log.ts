/** One REST request as the sandbox received and answered it. */
export interface RequestRecord {
  receivedAt: number;
  method: string;
  /** The path under `/api/v9|v10`, e.g. `/interactions`. */
  path: string;
  /** The matched route, e.g. `POST /channels/{channelId}/messages`; null when none matched. */
  route: string | null;
  /** The token identified (without `Bot `), or the raw Authorization header when it was invalid. */
  token: string | null;
  userId: string | null;
  status: number;
  /** The client's TCP port: which connection (a proxy's, say) the request came on. */
  peerPort?: number;
  /** On 429s: the wait the client was told (`retry_after`, ms) and whether it was global. */
  retryAfterMs?: number;
  global?: boolean;
  /** Answered by an injected fault instead of the route (`edgeBlock`, `rateLimit429`, `serverError5xx`). */
  injected?: boolean;
  /** The `nonce` of a `POST /interactions` body, answered or not: tells a resend from a new send. */
  nonce?: string;
  /** Received before the wait of an earlier 429 to this token had run out. */
  violation?: boolean;
  /** How the client presented itself (§1.5), when it sent these headers: does it look like a browser? */
  userAgent?: string;
  /** `X-Super-Properties` as sent (base64 of the client's properties JSON). */
  superProperties?: string;
  /** `X-Discord-Locale`. */
  discordLocale?: string;
}

/** The request headers a record keeps, by record field. */
export const CLIENT_HEADERS = { userAgent: 'user-agent', superProperties: 'x-super-properties', discordLocale: 'x-discord-locale' } as const;

/** A request that disregarded a 429 (§2.3): sent on the limited route, or anywhere after a global one. */
export interface RateLimitViolation {
  receivedAt: number;
  token: string;
  userId: string | null;
  method: string;
  path: string;
  route: string | null;
  /** When the disregarded 429 was answered, and what it said. */
  limitedAt: number;
  retryAfterMs: number;
  global: boolean;
  /** How much earlier than allowed the request came. */
  earlyByMs: number;
}

/** An active 429: until `until`, this token may not use `bucket` (or anything, when global). */
export interface RateLimitBan {
  token: string;
  bucket: string;
  global: boolean;
  at: number;
  retryAfterMs: number;
  until: number;
}

/**
 * Timers fire with millisecond granularity and clients start waiting only after reading the 429,
 * so a client that waits exactly `retry_after` may still land a millisecond or two "early" by the
 * sandbox's clock. Not a violation.
 */
const GRACE_MS = 2;
/** Long benchmark runs must not grow memory without bound; counts stay exact. */
const MAX_RECORDS = 50_000;

/** Distinct header values kept once each: a client sends the same few on every request. */
const MAX_INTERNED = 1_000;

/** Every REST request with its answer, and the 429s clients were given and disregarded. */
export class RequestLog {
  readonly requests: RequestRecord[] = [];
  readonly violations: RateLimitViolation[] = [];
  total = 0;
  private bans: RateLimitBan[] = [];
  /** 50 000 records × a ~1 kB X-Super-Properties would be 50 MB; one copy per distinct value is not. */
  private readonly interned = new Map<string, string>();

  /** The client headers of a request, as record fields (absent headers left out). */
  clientHeaders(headers: Record<string, string | string[] | undefined>): Pick<RequestRecord, keyof typeof CLIENT_HEADERS> {
    const found: Pick<RequestRecord, keyof typeof CLIENT_HEADERS> = {};
    for (const [field, name] of Object.entries(CLIENT_HEADERS) as [keyof typeof CLIENT_HEADERS, string][]) {
      const value = headers[name];
      if (typeof value === 'string') found[field] = this.intern(value);
    }
    return found;
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    if (this.interned.size < MAX_INTERNED) this.interned.set(value, value);
    return value;
  }

  /** The 429 still in force for this token on `bucket` (or globally), if any. */
  activeBan(token: string | null, bucket: string, now: number): RateLimitBan | undefined {
    if (token === null) return undefined;
    this.bans = this.bans.filter((b) => b.until > now);
    const relevant = this.bans.filter((b) => b.token === token && (b.global || b.bucket === bucket) && now < b.until - GRACE_MS);
    return relevant.sort((a, b) => b.until - a.until)[0];
  }

  /**
   * Logs an answered request. `ban` is what `activeBan` returned when it arrived: a violation.
   * A 429 answer starts a ban of its own, read from Discord's body (`retry_after` s, `global`).
   */
  record(entry: RequestRecord, bucket: string, ban: RateLimitBan | undefined, body: unknown): void {
    const record: RequestRecord = { ...entry };
    if (ban && entry.token !== null) {
      record.violation = true;
      this.violations.push({
        receivedAt: entry.receivedAt,
        token: entry.token,
        userId: entry.userId,
        method: entry.method,
        path: entry.path,
        route: entry.route,
        limitedAt: ban.at,
        retryAfterMs: ban.retryAfterMs,
        global: ban.global,
        earlyByMs: ban.until - entry.receivedAt,
      });
    }
    const limit = entry.status === 429 ? readRateLimitBody(body) : undefined;
    if (limit) {
      record.retryAfterMs = limit.retryAfterMs;
      record.global = limit.global;
      if (entry.token !== null && !ban) {
        const { retryAfterMs, global } = limit;
        this.bans.push({ token: entry.token, bucket, global, at: entry.receivedAt, retryAfterMs, until: entry.receivedAt + retryAfterMs });
      }
    }
    this.total += 1;
    this.requests.push(record);
    if (this.requests.length > MAX_RECORDS) this.requests.shift();
  }

  clear(): void {
    this.requests.length = 0;
    this.violations.length = 0;
    this.total = 0;
    this.bans = [];
  }
}

function readRateLimitBody(body: unknown): { retryAfterMs: number; global: boolean } | undefined {
  const b = body as { retry_after?: unknown; global?: unknown } | undefined;
  if (typeof b?.retry_after !== 'number') return undefined;
  return { retryAfterMs: Math.round(b.retry_after * 1000), global: b.global === true };
}

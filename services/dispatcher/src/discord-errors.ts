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

/** 5xx, timeout or network error: worth retrying later. */
export class DiscordUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiscordUnavailable';
  }
}

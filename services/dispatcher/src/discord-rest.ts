import got, { type Response } from 'got';
import { DiscordRateLimited, DiscordRejected, DiscordUnavailable } from './discord-errors.js';

const TIMEOUT = { connect: 5000, response: 15_000 };

function retryAfterMs(res: Response<string>, body: unknown): number {
  const fromBody = (body as { retry_after?: unknown } | undefined)?.retry_after;
  const seconds = typeof fromBody === 'number' ? fromBody : Number(res.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** What the X-RateLimit-* headers of an answer say about its bucket (protocol §2.3). */
export interface BucketState {
  bucket?: string;
  limit?: number;
  remaining?: number;
  resetAfterMs?: number;
}

export function parseRateLimitHeaders(headers: Record<string, string | string[] | undefined>): BucketState {
  const num = (name: string) => {
    const v = Number(headers[name]);
    return headers[name] === undefined || !Number.isFinite(v) ? undefined : v;
  };
  const resetAfter = num('x-ratelimit-reset-after');
  const bucket = headers['x-ratelimit-bucket'];
  return {
    bucket: typeof bucket === 'string' ? bucket : undefined,
    limit: num('x-ratelimit-limit'),
    remaining: num('x-ratelimit-remaining'),
    resetAfterMs: resetAfter === undefined ? undefined : Math.ceil(resetAfter * 1000),
  };
}

/**
 * The user-token side of Discord REST (protocol §2, §7c). got does not retry POSTs and we turn
 * its retries off everywhere: retry policy belongs to the queue, which sees every failure as
 * one of DiscordRateLimited / DiscordRejected / DiscordUnavailable.
 */
export class DiscordRest {
  constructor(
    private readonly apiUrl: string,
    private readonly userToken: string,
  ) {}

  private async request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<{ body: unknown; bucket: BucketState }> {
    let res: Response<string>;
    try {
      res = await got(`${this.apiUrl}/api/v9${path}`, {
        method,
        json,
        // User tokens go raw, without a "Bot " prefix (§2.1).
        headers: { authorization: this.userToken },
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: TIMEOUT,
      });
    } catch (err) {
      throw new DiscordUnavailable(`${method} ${path}: ${(err as Error).message}`);
    }
    const body = parseBody(res.body);
    if (res.statusCode === 429) {
      throw new DiscordRateLimited(retryAfterMs(res, body), res.headers['x-ratelimit-global'] !== undefined || (body as { global?: boolean })?.global === true);
    }
    if (res.statusCode >= 500) throw new DiscordUnavailable(`${method} ${path}: HTTP ${res.statusCode}`);
    if (res.statusCode >= 400) throw new DiscordRejected(res.statusCode, body);
    return { body, bucket: parseRateLimitHeaders(res.headers) };
  }

  /** POST /interactions; Discord answers 204 with an empty body on success. */
  async postInteraction(payload: object): Promise<BucketState> {
    return (await this.request('POST', '/interactions', payload)).bucket;
  }

  async getCommandIndex(guildId: string): Promise<unknown> {
    return (await this.request('GET', `/guilds/${guildId}/application-command-index`)).body;
  }
}

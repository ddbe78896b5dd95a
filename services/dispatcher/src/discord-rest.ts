import got, { type Response } from 'got';
import { browserHeaders, DEFAULT_BROWSER_IDENTITY, discordClientHeaders, type BrowserIdentity } from '@mjq/common';
import type { DiscordMessage } from '@mjq/discord';
import {
  DiscordEdgeBlocked,
  DiscordRateLimited,
  DiscordRejected,
  DiscordUnavailable,
  InteractionOutcomeUnknown,
  mayHaveLanded,
} from './discord-errors.js';

const TIMEOUT = { connect: 5000, response: 15_000 };

function retryAfterMs(res: Response<string>, body: unknown): number {
  const fromBody = (body as { retry_after?: unknown } | undefined)?.retry_after;
  const seconds = typeof fromBody === 'number' ? fromBody : Number(res.headers['retry-after']);
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds * 1000) : 1000;
}

/**
 * Discord's own refusals are JSON objects with a `code` (§2.2); a 403 with anything else came
 * from the edge in front of it (§5.2). Only for Discord's hosts (its API, Midjourney's activity
 * host): the upload storage answers its own refusals (an expired signature) in XML.
 */
function isEdgeBlock(status: number, body: unknown): boolean {
  return status === 403 && (typeof body !== 'object' || body === null);
}

/** The edge's answer, short and on one line: enough to name the rule (`error code: 1010`). */
function excerpt(text: string): string {
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return (/error code:? ?\d+/i.exec(plain)?.[0] ?? plain).slice(0, 120);
}

function parseBody(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface UploadSlot {
  id: string;
  upload_url: string;
  /** `<uuid>/<filename>`: what commands and messages then reference (`uploaded_filename`). */
  upload_filename: string;
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
 * one of DiscordRateLimited / DiscordRejected / DiscordEdgeBlocked / DiscordUnavailable.
 * Every request carries the account's browser identity, as the web client's do: got's own
 * User-Agent is what Discord's edge refuses.
 */
export class DiscordRest {
  constructor(
    private readonly apiUrl: string,
    private readonly userToken: string,
    private readonly identity: BrowserIdentity = DEFAULT_BROWSER_IDENTITY,
  ) {}

  private async request(method: 'GET' | 'POST', path: string, json?: unknown): Promise<{ body: unknown; bucket: BucketState }> {
    // User tokens go raw, without a "Bot " prefix (§2.1).
    const headers = { ...discordClientHeaders(this.identity), authorization: this.userToken };
    return this.send(method, `${this.apiUrl}/api/v9${path}`, { json, headers, behindEdge: true });
  }

  private async send(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    { behindEdge = false, ...options }: { json?: unknown; body?: Buffer; headers: Record<string, string>; behindEdge?: boolean },
  ): Promise<{ body: unknown; bucket: BucketState }> {
    const path = new URL(url).pathname;
    let res: Response<string>;
    try {
      res = await got(url, { method, ...options, throwHttpErrors: false, retry: { limit: 0 }, timeout: TIMEOUT });
    } catch (err) {
      throw new DiscordUnavailable(`${method} ${path}: ${(err as Error).message}`, mayHaveLanded(err));
    }
    const body = parseBody(res.body);
    if (res.statusCode === 429) {
      throw new DiscordRateLimited(retryAfterMs(res, body), res.headers['x-ratelimit-global'] !== undefined || (body as { global?: boolean })?.global === true);
    }
    if (res.statusCode >= 500) throw new DiscordUnavailable(`${method} ${path}: HTTP ${res.statusCode}`);
    if (behindEdge && isEdgeBlock(res.statusCode, body)) throw new DiscordEdgeBlocked(res.statusCode, excerpt(res.body));
    if (res.statusCode >= 400) throw new DiscordRejected(res.statusCode, body);
    return { body, bucket: parseRateLimitHeaders(res.headers) };
  }

  /**
   * POST /interactions; Discord answers 204 with an empty body on success. An answer lost after
   * the request may have reached Discord is an InteractionOutcomeUnknown.
   */
  async postInteraction(payload: object): Promise<BucketState> {
    return (await outcomeUnknownOnLoss(this.request('POST', '/interactions', payload))).bucket;
  }

  /** Asks for upload slots in the channel (§2.4): one `{upload_url, upload_filename}` per file. */
  async requestUploadSlots(channelId: string, files: { id: string; filename: string; fileSize: number }[]): Promise<UploadSlot[]> {
    const payload = { files: files.map((f) => ({ id: f.id, filename: f.filename, file_size: f.fileSize })) };
    const { body } = await this.request('POST', `/channels/${channelId}/attachments`, payload);
    const slots = (body as { attachments?: UploadSlot[] } | undefined)?.attachments;
    if (!Array.isArray(slots) || slots.length !== files.length) throw new DiscordUnavailable('upload slots: unexpected answer');
    return slots.map((s) => ({ id: String(s.id), upload_url: String(s.upload_url), upload_filename: String(s.upload_filename) }));
  }

  /** PUTs the bytes to a slot's signed URL; it takes no Discord token. */
  async putUpload(uploadUrl: string, data: Buffer, contentType: string): Promise<void> {
    // Not Discord's API (cloud storage in real life): the browser's headers, none of Discord's.
    await this.send('PUT', uploadUrl, { body: data, headers: { ...browserHeaders(this.identity), 'content-type': contentType } });
  }

  /** Posts a message made of already uploaded files; answers the created message. */
  async postMessage(channelId: string, attachments: { id: string; filename: string; uploaded_filename: string }[]): Promise<DiscordMessage> {
    const { body } = await this.request('POST', `/channels/${channelId}/messages`, { content: '', attachments });
    return body as DiscordMessage;
  }

  /**
   * Vary (Region)'s submit goes to Midjourney's activity host, not Discord REST (§3.4). The
   * user token is not sent there: that host is not Discord.
   */
  async submitInpaint(activityUrl: string, body: object): Promise<void> {
    await outcomeUnknownOnLoss(this.send('POST', `${activityUrl}/inpaint/api/submit-job`, { json: body, headers: browserHeaders(this.identity), behindEdge: true }));
  }

  async getCommandIndex(guildId: string): Promise<unknown> {
    return (await this.request('GET', `/guilds/${guildId}/application-command-index`)).body;
  }
}

/** A job-starting request whose answer was lost after it may have reached its host. */
async function outcomeUnknownOnLoss<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (err) {
    if (err instanceof DiscordUnavailable && err.mayHaveLanded) throw new InteractionOutcomeUnknown(err);
    throw err;
  }
}

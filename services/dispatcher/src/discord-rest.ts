import got, { type Response } from 'got';
import { browserHeaders, type BrowserIdentity, DEFAULT_BROWSER_IDENTITY, DIRECT, discordClientHeaders, maskProxyUrl, metrics, type ProxyRoutes } from '@mjq/common';
import { describeAnswer, readDiscordError, type DiscordMessage, type DiscordRequestContext } from '@mjq/discord';
import {
  DiscordEdgeBlocked,
  DiscordRateLimited,
  DiscordRejected,
  DiscordUnavailable,
  InteractionOutcomeUnknown,
  mayHaveLanded,
} from './discord-errors.js';

const TIMEOUT = { connect: 5000, response: 15_000 };

/**
 * The routes mjq calls, as templates: what errors and logs name instead of the URL (ids vary,
 * signed URLs carry credentials). Discord's API routes are relative to `/api/v9`.
 */
const ROUTES = {
  interactions: '/interactions',
  uploadSlots: '/channels/:id/attachments',
  messages: '/channels/:id/messages',
  commandIndex: '/guilds/:id/application-command-index',
  /** Upload storage's signed URL: never logged, its query is the credential. */
  upload: '(upload URL)',
  inpaintSubmit: '/inpaint/api/submit-job',
} as const;

/** A request as errors name it: the method and the route template, never the URL. */
interface Call {
  method: 'GET' | 'POST' | 'PUT';
  route: string;
}

/** A route template with its `:id`s filled in order. */
function fill(route: string, ...ids: string[]): string {
  let i = 0;
  return route.replace(/:id\b/g, () => encodeURIComponent(ids[i++] ?? ''));
}

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

/** A successful answer: its body, its rate-limit bucket, and the call (for errors about the body). */
interface Answer {
  body: unknown;
  bucket: BucketState;
  context: DiscordRequestContext;
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
    /** The way out: DISCORD_PROXY, or the account's own proxy over it, or direct. */
    private readonly egress: { routes: ProxyRoutes; accountProxy?: string } = { routes: DIRECT },
  ) {}

  /** A call to Discord's API as the account: `route` a template of ROUTES, `ids` its `:id`s. */
  private async request(method: Call['method'], route: string, ids: string[], json?: unknown): Promise<Answer> {
    // User tokens go raw, without a "Bot " prefix (§2.1).
    const headers = { ...discordClientHeaders(this.identity), authorization: this.userToken };
    return this.send({ method, route }, `${this.apiUrl}/api/v9${fill(route, ...ids)}`, { json, headers, behindEdge: true });
  }

  /** Sends one request and turns every failure into one of the Discord errors, naming `call`. */
  private async send(
    call: Call,
    url: string,
    { behindEdge = false, ...options }: { json?: unknown; body?: Buffer; headers: Record<string, string>; behindEdge?: boolean },
  ): Promise<Answer> {
    let res: Response<string>;
    const proxy = this.egress.routes.proxyFor(url, this.egress.accountProxy);
    try {
      const agent = this.egress.routes.gotAgents(url, this.egress.accountProxy);
      res = await got(url, { method: call.method, ...options, agent, throwHttpErrors: false, retry: { limit: 0 }, timeout: TIMEOUT });
    } catch (err) {
      metrics.discordRequests.inc({ ...call, status: 'error' });
      // Only the message: got's error holds the request's options, headers (the token) included.
      // The proxy is named (credentials masked): its being down reads like Discord being down.
      const via = proxy ? ` (through the proxy ${maskProxyUrl(proxy)})` : '';
      throw new DiscordUnavailable(`${(err as Error).message}${via}`, call, mayHaveLanded(err));
    }
    metrics.discordRequests.inc({ ...call, status: String(res.statusCode) });
    const body = parseBody(res.body);
    const context: DiscordRequestContext = { ...call, status: res.statusCode, ...readDiscordError(body) };
    if (res.statusCode === 429) {
      const global = res.headers['x-ratelimit-global'] !== undefined || (body as { global?: boolean })?.global === true;
      metrics.discordRateLimited.inc({ route: call.route, scope: global ? 'global' : 'route' });
      throw new DiscordRateLimited(context, retryAfterMs(res, body), global);
    }
    if (res.statusCode >= 500) throw new DiscordUnavailable(`HTTP ${describeAnswer(context)}`, context);
    if (behindEdge && isEdgeBlock(res.statusCode, body)) throw new DiscordEdgeBlocked(context, excerpt(res.body));
    if (res.statusCode >= 400) throw new DiscordRejected(context, body);
    return { body, bucket: parseRateLimitHeaders(res.headers), context };
  }

  /**
   * POST /interactions; Discord answers 204 with an empty body on success. An answer lost after
   * the request may have reached Discord is an InteractionOutcomeUnknown.
   */
  async postInteraction(payload: object): Promise<BucketState> {
    return (await outcomeUnknownOnLoss(this.request('POST', ROUTES.interactions, [], payload))).bucket;
  }

  /** Asks for upload slots in the channel (§2.4): one `{upload_url, upload_filename}` per file. */
  async requestUploadSlots(channelId: string, files: { id: string; filename: string; fileSize: number }[]): Promise<UploadSlot[]> {
    const payload = { files: files.map((f) => ({ id: f.id, filename: f.filename, file_size: f.fileSize })) };
    const { body, context } = await this.request('POST', ROUTES.uploadSlots, [channelId], payload);
    const slots = (body as { attachments?: UploadSlot[] } | undefined)?.attachments;
    if (!Array.isArray(slots) || slots.length !== files.length) throw new DiscordUnavailable('unexpected answer: no upload slot for every file', context);
    return slots.map((s) => ({ id: String(s.id), upload_url: String(s.upload_url), upload_filename: String(s.upload_filename) }));
  }

  /** PUTs the bytes to a slot's signed URL; it takes no Discord token. */
  async putUpload(uploadUrl: string, data: Buffer, contentType: string): Promise<void> {
    // Not Discord's API (cloud storage in real life): the browser's headers, none of Discord's.
    await this.send({ method: 'PUT', route: ROUTES.upload }, uploadUrl, { body: data, headers: { ...browserHeaders(this.identity), 'content-type': contentType } });
  }

  /** Posts a message made of already uploaded files; answers the created message, with its attachments. */
  async postMessage(channelId: string, attachments: { id: string; filename: string; uploaded_filename: string }[]): Promise<DiscordMessage> {
    const { body, context } = await this.request('POST', ROUTES.messages, [channelId], { content: '', attachments });
    const message = body as DiscordMessage | undefined;
    if (!message?.id || !message.attachments?.[0]?.url) throw new DiscordUnavailable('unexpected answer: the message came back without its attachment', context);
    return message;
  }

  /**
   * Vary (Region)'s submit goes to Midjourney's activity host, not Discord REST (§3.4). The
   * user token is not sent there: that host is not Discord.
   */
  async submitInpaint(activityUrl: string, body: object): Promise<void> {
    const call: Call = { method: 'POST', route: ROUTES.inpaintSubmit };
    await outcomeUnknownOnLoss(this.send(call, `${activityUrl}${ROUTES.inpaintSubmit}`, { json: body, headers: browserHeaders(this.identity), behindEdge: true }));
  }

  async getCommandIndex(guildId: string): Promise<unknown> {
    return (await this.request('GET', ROUTES.commandIndex, [guildId])).body;
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

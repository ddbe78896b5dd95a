import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { parseAllowList, urlHostname, type AllowList } from '@mjq/common';

/**
 * The only way out of mjq to a callback receiver. The SSRF check happens on the socket:
 * request-filtering-agent validates the address actually being connected to (after DNS, so a
 * name re-pointed at 10.x or 169.254.169.254 since submit time is still refused). Redirects are
 * not followed, the socket may idle only so long, the whole request has a deadline and the
 * response body is read only up to a cap (only the status matters), so a hostile receiver can
 * neither redirect us inward nor hold us up. Plain node:http: a callback is one small POST, and an
 * HTTP client library's own machinery cost several times its CPU (the listener's, on the result's
 * path).
 */
export interface EgressOptions {
  /** CALLBACK_ALLOW_HOSTS: IPs/CIDRs go to the agent's allow-list; host names are trusted by name. */
  allowHosts: readonly string[];
  /** dns.lookup by default; tests inject a resolver that answers private addresses. */
  dnsLookup?: LookupFunction;
  /** Longest silence of the socket, and of the whole request, ms (defaults: 10 s, 30 s). */
  timeouts?: { idleMs: number; requestMs: number };
}

/** Longest silence of the socket (connecting, sending, waiting for the answer), and of the whole request. */
const TIMEOUTS = { idleMs: 10_000, requestMs: 30_000 };
/** Receivers answer "OK" or a short JSON; anything longer is read no further. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type Agents = { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent };

/**
 * Connections are kept between callbacks to the same receiver (a relay gets thousands: a TCP and
 * TLS handshake each would cost more than the POST). A kept socket was checked when it connected;
 * it is dropped after 4 s unused, before the usual 5 s a server keeps an idle one open, so a POST
 * rarely meets a socket the receiver is closing (a callback that does is retried like any other).
 */
const KEEP_ALIVE = { keepAlive: true, timeout: 4_000 };

function agents(options: ConstructorParameters<typeof RequestFilteringHttpAgent>[0]): Agents {
  const kept = { ...options, ...KEEP_ALIVE };
  return { http: new RequestFilteringHttpAgent(kept), https: new RequestFilteringHttpsAgent(kept) };
}

/** request-filtering-agent refuses with "DNS lookup <ip>(…) is not allowed. Because, …". */
export function isForbiddenTarget(err: unknown): boolean {
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (/DNS lookup .* is not allowed/.test(e.message ?? '')) return true;
  }
  return false;
}

/** A request on a kept connection that the receiver had closed, failed before any answer. */
class StaleConnection extends Error {
  constructor(cause: Error) {
    super(`kept connection closed by the receiver: ${cause.message}`, { cause });
  }
}

export class CallbackEgress {
  private readonly allow: AllowList;
  private readonly guarded: Agents;
  /** For host names listed in CALLBACK_ALLOW_HOSTS: any address except 0.0.0.0/::. */
  private readonly trusted: Agents;

  constructor(private readonly options: EgressOptions) {
    this.allow = parseAllowList(options.allowHosts);
    this.guarded = agents({ allowIPAddressList: this.allow.addresses });
    this.trusted = agents({ allowPrivateIPAddress: true });
  }

  /** POSTs `payload`; resolves with the HTTP status, rejects on network errors and refused targets. */
  async post(url: string, payload: string, headers: Record<string, string>): Promise<number> {
    try {
      return await this.once(url, payload, headers);
    } catch (err) {
      // A kept connection the receiver closed as this POST went out: nothing reached it, so once
      // more on a connection of its own (Node's advice for keep-alive agents).
      if (!(err instanceof StaleConnection)) throw err;
      return this.once(url, payload, headers);
    }
  }

  private once(url: string, payload: string, headers: Record<string, string>): Promise<number> {
    const target = new URL(url);
    const agents = this.allow.hostnames.includes(urlHostname(target)) ? this.trusted : this.guarded;
    const secure = target.protocol === 'https:';
    const body = Buffer.from(payload);
    const { idleMs, requestMs } = this.options.timeouts ?? TIMEOUTS;
    return new Promise((resolve, reject) => {
      const options: https.RequestOptions = {
        method: 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { 'content-type': 'application/json', 'content-length': body.length, 'user-agent': 'mjq-callbacks', ...headers },
        timeout: idleMs,
        ...(this.options.dnsLookup ? { lookup: this.options.dnsLookup } : {}),
      };
      const req = (secure ? https : http).request(target, options);
      const deadline = setTimeout(() => req.destroy(new Error(`callback request took over ${requestMs} ms`)), requestMs);
      const settle = (status?: number, err?: Error) => {
        clearTimeout(deadline);
        if (err) reject(err);
        else resolve(status!);
      };
      req.on('timeout', () => req.destroy(new Error(`callback socket idle for ${idleMs} ms`)));
      let answered = false;
      req.on('error', (err: NodeJS.ErrnoException) => {
        const stale = req.reusedSocket && !answered && (err.code === 'ECONNRESET' || err.message === 'socket hang up');
        settle(undefined, stale ? new StaleConnection(err) : err);
      });
      req.on('response', (res) => {
        answered = true;
        const status = res.statusCode ?? 0;
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes <= MAX_RESPONSE_BYTES) return;
          res.destroy();
          settle(status);
        });
        res.on('end', () => settle(status));
        res.on('error', (err) => settle(undefined, err));
      });
      req.end(body);
    });
  }

  close(): void {
    for (const a of [this.guarded, this.trusted]) {
      a.http.destroy();
      a.https.destroy();
    }
  }
}

import type { LookupFunction } from 'node:net';
import got from 'got';
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent } from 'request-filtering-agent';
import { parseAllowList, urlHostname, type AllowList } from '@mjq/common';

/**
 * The only way out of mjq to a callback receiver. The SSRF check happens on the socket:
 * request-filtering-agent validates the address actually being connected to (after DNS, so a
 * name re-pointed at 10.x or 169.254.169.254 since submit time is still refused). Redirects are
 * not followed, every phase has a timeout and the response body is read only up to a cap (only
 * the status matters), so a hostile receiver can neither redirect us inward nor hold us up.
 */
export interface EgressOptions {
  /** CALLBACK_ALLOW_HOSTS: IPs/CIDRs go to the agent's allow-list; host names are trusted by name. */
  allowHosts: readonly string[];
  /** dns.lookup by default; tests inject a resolver that answers private addresses. */
  dnsLookup?: LookupFunction;
}

const TIMEOUT = { lookup: 3000, connect: 5000, secureConnect: 5000, send: 10_000, response: 10_000, request: 30_000 };
/** Receivers answer "OK" or a short JSON; anything longer is read no further. */
const MAX_RESPONSE_BYTES = 64 * 1024;

type Agents = { http: RequestFilteringHttpAgent; https: RequestFilteringHttpsAgent };

function agents(options: ConstructorParameters<typeof RequestFilteringHttpAgent>[0]): Agents {
  return { http: new RequestFilteringHttpAgent(options), https: new RequestFilteringHttpsAgent(options) };
}

/** request-filtering-agent refuses with "DNS lookup <ip>(…) is not allowed. Because, …". */
export function isForbiddenTarget(err: unknown): boolean {
  for (let e = err as { message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (/DNS lookup .* is not allowed/.test(e.message ?? '')) return true;
  }
  return false;
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
  post(url: string, payload: string, headers: Record<string, string>): Promise<number> {
    const agent = this.allow.hostnames.includes(urlHostname(new URL(url))) ? this.trusted : this.guarded;
    return new Promise((resolve, reject) => {
      const stream = got.stream.post(url, {
        body: payload,
        headers: { 'content-type': 'application/json', ...headers },
        agent,
        dnsLookup: this.options.dnsLookup,
        followRedirect: false,
        throwHttpErrors: false,
        retry: { limit: 0 },
        timeout: TIMEOUT,
      });
      let status = 0;
      let bytes = 0;
      stream.on('response', (res: { statusCode: number }) => (status = res.statusCode));
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes <= MAX_RESPONSE_BYTES) return;
        stream.destroy();
        resolve(status);
      });
      stream.on('end', () => resolve(status));
      stream.on('error', reject);
    });
  }

  close(): void {
    for (const a of [this.guarded, this.trusted]) {
      a.http.destroy();
      a.https.destroy();
    }
  }
}

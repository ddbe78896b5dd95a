import { lookup as systemLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { judgeCallbackTarget, parseAllowList, urlHostname, type AddressVerdict, type AllowList } from './address-policy.js';

/** getaddrinfo can hang for a long time on a broken resolver; a submit must not. */
const LOOKUP_TIMEOUT_MS = 3000;

/**
 * Submit-time SSRF check of a callback URL: resolves the host to all its addresses and refuses
 * the URL if any of them is not public (unless allow-listed). The listener checks again at
 * delivery time on the socket itself, since DNS may answer differently by then (rebinding).
 * `lookup` is injectable (same signature as dns.lookup) so tests can make a name resolve to a
 * private address without any traffic leaving the machine.
 */
export class CallbackUrlGuard {
  private readonly allow: AllowList;

  constructor(
    allowHosts: readonly string[],
    private readonly lookup: LookupFunction = systemLookup as LookupFunction,
  ) {
    this.allow = parseAllowList(allowHosts);
  }

  async check(raw: string): Promise<AddressVerdict> {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      return { allowed: false, reason: 'not an absolute URL' };
    }
    const host = urlHostname(url);
    const trusted = this.allow.hostnames.includes(host);
    const addresses = trusted || isIP(host) ? [host] : await this.resolve(host).catch(() => []);
    return judgeCallbackTarget(url, addresses, this.allow);
  }

  private resolve(host: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('lookup timed out')), LOOKUP_TIMEOUT_MS);
      this.lookup(host, { all: true }, (err, addresses) => {
        clearTimeout(timer);
        if (err) return reject(err);
        resolve((Array.isArray(addresses) ? addresses : [{ address: addresses } as LookupAddress]).map((a) => a.address));
      });
    });
  }
}

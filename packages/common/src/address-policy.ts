import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a callback may reach (SSRF guard). Pure: no DNS, no sockets.
 * The classification is ipaddr.js's `range()`, the same one request-filtering-agent applies to
 * the socket at delivery time, so the API's submit-time check and the listener's connect-time
 * check cannot disagree: only `unicast` (a public address) is reachable.
 */

/** Cloud metadata endpoints, named in refusals so that an operator sees what was attempted. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** `unicast` for a public address, else the special range it belongs to (loopback, private, …). */
export function addressRange(address: string): string {
  if (!ipaddr.isValid(address)) return 'invalid';
  const parsed = ipaddr.parse(address);
  if (METADATA.has(parsed.toNormalizedString()) || METADATA.has(parsed.toString())) return 'metadata';
  return parsed.range();
}

/** CALLBACK_ALLOW_HOSTS, split: IPs and CIDRs match resolved addresses, hostnames match the URL. */
export interface AllowList {
  /** Single addresses and CIDRs, in the form request-filtering-agent's allowIPAddressList takes. */
  addresses: string[];
  /** Lower-cased host names trusted whatever they resolve to (e.g. `localhost`, a compose service). */
  hostnames: string[];
}

const HOSTNAME = /^(?=.{1,253}$)[a-z0-9_]([a-z0-9_-]{0,62})(\.[a-z0-9_]([a-z0-9_-]{0,62}))*\.?$/i;

/** Whether a CALLBACK_ALLOW_HOSTS entry is an IP, a CIDR or a host name. */
export function isAllowEntry(entry: string): boolean {
  if (isIP(entry)) return true;
  if (entry.includes('/')) return ipaddr.isValidCIDR(entry);
  return HOSTNAME.test(entry);
}

export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { addresses: [], hostnames: [] };
  for (const raw of entries) {
    const entry = raw.trim().toLowerCase();
    // Normalised so that the agent's plain string comparison of single IPs matches too.
    if (isIP(entry)) list.addresses.push(ipaddr.parse(entry).toString());
    else if (entry.includes('/')) list.addresses.push(entry);
    else if (entry) list.hostnames.push(entry.replace(/\.$/, ''));
  }
  return list;
}

export function isAllowedAddress(address: string, list: AllowList): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  return list.addresses.some((entry) => {
    if (!entry.includes('/')) return ipaddr.isValid(entry) && ipaddr.parse(entry).toString() === parsed.toString();
    const [range, bits] = ipaddr.parseCIDR(entry);
    return range.kind() === parsed.kind() && parsed.match(range, bits);
  });
}

/** A URL's host as used for DNS: lower-cased, IPv6 brackets and a trailing dot removed. */
export function urlHostname(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

/**
 * The verdict for a callback URL whose host resolved to `addresses` (all of them: a name with
 * one public and one private address is refused, since either may be the one connected to).
 */
export function judgeCallbackTarget(url: URL, addresses: readonly string[], list: AllowList): AddressVerdict {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { allowed: false, reason: 'only http and https callback URLs are allowed' };
  if (list.hostnames.includes(urlHostname(url))) return { allowed: true };
  if (addresses.length === 0) return { allowed: false, reason: `${url.hostname} does not resolve` };
  for (const address of addresses) {
    if (isAllowedAddress(address, list)) continue;
    const range = addressRange(address);
    if (range !== 'unicast') return { allowed: false, reason: `${url.hostname} resolves to ${address} (${range})` };
  }
  return { allowed: true };
}

import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from 'node:net';

/**
 * A resolver (dns.lookup's signature) that never touches the network: names map to fixed
 * addresses. Lets tests make a host "resolve" to 10.x or 169.254.x without sending it traffic.
 */
export function fakeLookup(table: Record<string, string[]>): LookupFunction {
  return ((hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const addresses = table[hostname];
    if (!addresses) return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }));
    const all: LookupAddress[] = addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    if (options?.all) return callback(null, all);
    callback(null, all[0]!.address, all[0]!.family);
  }) as LookupFunction;
}

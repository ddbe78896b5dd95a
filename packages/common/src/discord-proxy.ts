import { z } from 'zod';

/**
 * An outbound proxy towards Discord: `http://`, `https://` (TLS to the proxy) or `socks5://`
 * (`socks5h://` resolves names at the proxy), with optional `user:password@`. The credentials
 * are secrets: shown only through maskProxyUrl, never logged (logger.ts redacts `proxy`).
 */
export const PROXY_PROTOCOLS = ['http:', 'https:', 'socks5:', 'socks5h:'] as const;

export const proxyUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Never the value: it may hold a password.
    ctx.addIssue({ code: 'custom', message: 'must be a proxy URL such as http://host:3128 or socks5://user:pass@host:1080' });
    return;
  }
  if (!(PROXY_PROTOCOLS as readonly string[]).includes(url.protocol)) {
    ctx.addIssue({ code: 'custom', message: `proxy scheme ${url.protocol} not supported (http, https, socks5, socks5h)` });
  } else if (!url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'the proxy URL names no host' });
  } else if ((url.pathname && url.pathname !== '/') || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: 'a proxy URL is scheme, optional credentials, host and port only' });
  }
});

/** The proxy URL as it may be shown: credentials replaced by `***` (`http://***@host:3128`). */
export function maskProxyUrl(proxy: string): string {
  try {
    const url = new URL(proxy);
    const credentials = url.username || url.password ? '***@' : '';
    return `${url.protocol}//${credentials}${url.host}`;
  } catch {
    return '***';
  }
}

/**
 * NO_PROXY as curl and most tools read it: comma- or space-separated entries, each `*` (no
 * proxy at all), a host name (matches it and its subdomains; a leading `.` or `*.` is the
 * same), an IP address, optionally `:port`.
 */
export function parseNoProxy(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((entry) => entry.trim().toLowerCase())
    .filter(Boolean);
}

/** Whether `target` must be reached directly, per the NO_PROXY entries. */
export function bypassesProxy(target: URL, noProxy: readonly string[]): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || defaultPort(target.protocol);
  return noProxy.some((entry) => {
    if (entry === '*') return true;
    const { name, entryPort } = splitEntry(entry);
    if (entryPort && entryPort !== port) return false;
    const suffix = name.replace(/^\*?\./, '');
    return host === suffix || host.endsWith(`.${suffix}`);
  });
}

function splitEntry(entry: string): { name: string; entryPort?: string } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { name: bracketed[1]!, entryPort: bracketed[2] };
  // An IPv6 address without brackets has several colons and no port.
  const parts = entry.split(':');
  if (parts.length === 2 && /^\d+$/.test(parts[1]!)) return { name: parts[0]!, entryPort: parts[1] };
  return { name: entry };
}

function defaultPort(protocol: string): string {
  return protocol === 'https:' || protocol === 'wss:' ? '443' : '80';
}

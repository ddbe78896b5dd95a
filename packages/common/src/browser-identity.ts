import { z } from 'zod';

/**
 * The browser an account's Discord traffic claims to come from: Discord's web client sends the
 * same description as IDENTIFY `properties` on the gateway and, base64-encoded, as
 * `X-Super-Properties` on every REST call, with the matching User-Agent on both (protocol §1.5).
 * A client without it (got's or ws's default User-Agent) is what Cloudflare in front of Discord
 * answers `403 error code: 1010` (§5.2). Field names are Discord's own.
 */
const text = z.string().max(256);
/** Goes out as an HTTP header: anything else would make the request fail before it leaves. */
const headerSafe = z.string().min(1).max(512).regex(/^[\x20-\x7e]+$/, 'printable ASCII only (it is sent as a header)');
const locale = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a locale such as en-US');

export const browserIdentitySchema = z
  .object({
    os: z.string().min(1).max(64),
    browser: z.string().min(1).max(64),
    device: text,
    system_locale: locale,
    has_client_mods: z.boolean(),
    browser_user_agent: headerSafe,
    browser_version: text,
    os_version: text,
    referrer: text,
    referring_domain: text,
    referrer_current: text,
    referring_domain_current: text,
    release_channel: z.string().min(1).max(64),
    client_build_number: z.number().int().positive(),
    client_event_source: z.string().nullable(),
  })
  .strict();
export type BrowserIdentity = z.infer<typeof browserIdentitySchema>;

/**
 * Some fields of an identity, set over another (per account over the global one). Strict: a
 * misspelt field is reported rather than silently sent to Discord as an extra property.
 */
export const browserIdentityOverrideSchema = browserIdentitySchema.partial();
export type BrowserIdentityOverride = z.infer<typeof browserIdentityOverrideSchema>;

const CHROME_VERSION = '138.0.0.0';

/** Chrome on Windows 10/11 (Chrome reports both as "Windows NT 10.0"), the most common web client. */
export const DEFAULT_BROWSER_IDENTITY: BrowserIdentity = {
  os: 'Windows',
  browser: 'Chrome',
  device: '',
  system_locale: 'en-US',
  has_client_mods: false,
  browser_user_agent: `Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${CHROME_VERSION} Safari/537.36`,
  browser_version: CHROME_VERSION,
  os_version: '10',
  referrer: '',
  referring_domain: '',
  referrer_current: '',
  referring_domain_current: '',
  release_channel: 'stable',
  client_build_number: 418_000,
  client_event_source: null,
};

/** First match wins: Edge and Chrome both say "Chrome/", every Chromium says "Safari/". */
const BROWSER_PATTERNS: [string, RegExp][] = [
  ['Edge', /\bEdg\/([\d.]+)/],
  ['Firefox', /\bFirefox\/([\d.]+)/],
  ['Chrome', /\bChrome\/([\d.]+)/],
  ['Safari', /\bVersion\/([\d.]+).*\bSafari\//],
];

/**
 * What a User-Agent says about browser and OS, as Discord's client derives them: a new
 * User-Agent alone must not leave the old browser_version beside it (a mismatch no browser sends).
 */
export function describeUserAgent(userAgent: string): BrowserIdentityOverride {
  const found: BrowserIdentityOverride = {};
  for (const [browser, pattern] of BROWSER_PATTERNS) {
    const version = pattern.exec(userAgent)?.[1];
    if (version === undefined) continue;
    Object.assign(found, { browser, browser_version: version });
    break;
  }
  const windows = /\bWindows NT ([\d.]+)/.exec(userAgent);
  const mac = /\bMac OS X ([\d_.]+)/.exec(userAgent);
  if (windows) Object.assign(found, { os: 'Windows', os_version: windows[1] === '10.0' ? '10' : windows[1]! });
  else if (mac) Object.assign(found, { os: 'Mac OS X', os_version: mac[1]!.replaceAll('_', '.') });
  else if (/\bLinux\b/.test(userAgent)) Object.assign(found, { os: 'Linux', os_version: '' });
  return found;
}

/**
 * Each override over the one before. An override's User-Agent first brings what it says about
 * browser and OS; the override's own fields then win, so an explicit browser_version still can.
 */
export function mergeBrowserIdentity(base: BrowserIdentity, ...overrides: (BrowserIdentityOverride | undefined)[]): BrowserIdentity {
  let merged: BrowserIdentity = { ...base };
  for (const override of overrides) {
    if (!override) continue;
    const set = Object.fromEntries(Object.entries(override).filter(([, v]) => v !== undefined)) as BrowserIdentityOverride;
    const fromAgent = set.browser_user_agent ? describeUserAgent(set.browser_user_agent) : {};
    merged = { ...merged, ...fromAgent, ...set };
  }
  return merged;
}

/** `X-Super-Properties`: base64 of the identity's JSON, exactly what IDENTIFY sends as `properties`. */
export function superPropertiesHeader(identity: BrowserIdentity): string {
  return Buffer.from(JSON.stringify(identity), 'utf8').toString('base64');
}

/** The browser's Accept-Language for its locale: `en-US` → `en-US,en;q=0.9`. */
export function acceptLanguage(systemLocale: string): string {
  const language = systemLocale.split('-')[0]!;
  return language === systemLocale ? systemLocale : `${systemLocale},${language};q=0.9`;
}

/** Headers a browser sends to any host (upload storage, Midjourney's activity host, the gateway handshake). */
export function browserHeaders(identity: BrowserIdentity): Record<string, string> {
  return { 'user-agent': identity.browser_user_agent, 'accept-language': acceptLanguage(identity.system_locale) };
}

/** Headers Discord's web client adds on its own API (REST under /api). */
export function discordClientHeaders(identity: BrowserIdentity): Record<string, string> {
  return {
    ...browserHeaders(identity),
    'x-super-properties': superPropertiesHeader(identity),
    'x-discord-locale': identity.system_locale,
  };
}

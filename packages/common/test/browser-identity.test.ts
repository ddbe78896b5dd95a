import { describe, expect, it } from 'vitest';
import {
  browserIdentitySchema,
  DEFAULT_BROWSER_IDENTITY,
  describeUserAgent,
  discordClientHeaders,
  mergeBrowserIdentity,
  superPropertiesHeader,
} from '../src/browser-identity.js';
import { accountInputSchema } from '../src/account.js';
import { ConfigError, loadConfig } from '../src/config.js';

const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:128.0) Gecko/20100101 Firefox/128.0';
const EDGE_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/138.0.0.0 Safari/537.36 Edg/138.0.3351.83';

describe('the default identity', () => {
  it('is a complete, valid desktop browser whose fields agree with its User-Agent', () => {
    expect(browserIdentitySchema.parse(DEFAULT_BROWSER_IDENTITY)).toEqual(DEFAULT_BROWSER_IDENTITY);
    expect(DEFAULT_BROWSER_IDENTITY).toMatchObject({ os: 'Windows', browser: 'Chrome', device: '', release_channel: 'stable', system_locale: 'en-US' });
    expect(describeUserAgent(DEFAULT_BROWSER_IDENTITY.browser_user_agent)).toEqual({
      browser: DEFAULT_BROWSER_IDENTITY.browser,
      browser_version: DEFAULT_BROWSER_IDENTITY.browser_version,
      os: DEFAULT_BROWSER_IDENTITY.os,
      os_version: DEFAULT_BROWSER_IDENTITY.os_version,
    });
  });

  it('goes out as headers: X-Super-Properties is base64 of the same JSON IDENTIFY sends', () => {
    const headers = discordClientHeaders(DEFAULT_BROWSER_IDENTITY);
    expect(JSON.parse(Buffer.from(headers['x-super-properties']!, 'base64').toString('utf8'))).toEqual(DEFAULT_BROWSER_IDENTITY);
    expect(headers['x-super-properties']).toBe(superPropertiesHeader(DEFAULT_BROWSER_IDENTITY));
    expect(headers).toMatchObject({ 'user-agent': DEFAULT_BROWSER_IDENTITY.browser_user_agent, 'x-discord-locale': 'en-US', 'accept-language': 'en-US,en;q=0.9' });
  });
});

describe('mergeBrowserIdentity', () => {
  it('takes browser and OS from a new User-Agent, so no stale browser_version is left beside it', () => {
    expect(mergeBrowserIdentity(DEFAULT_BROWSER_IDENTITY, { browser_user_agent: FIREFOX_MAC })).toMatchObject({
      browser_user_agent: FIREFOX_MAC,
      browser: 'Firefox',
      browser_version: '128.0',
      os: 'Mac OS X',
      os_version: '10.15.7',
    });
    expect(describeUserAgent(EDGE_WINDOWS)).toMatchObject({ browser: 'Edge', browser_version: '138.0.3351.83', os: 'Windows', os_version: '10' });
  });

  it('applies overrides in order, explicit fields over what a User-Agent says, unset fields ignored', () => {
    const global = mergeBrowserIdentity(DEFAULT_BROWSER_IDENTITY, { system_locale: 'fr', client_build_number: 1 });
    const merged = mergeBrowserIdentity(global, { browser_user_agent: FIREFOX_MAC, browser_version: '128.0.1', system_locale: undefined });
    expect(merged).toMatchObject({ system_locale: 'fr', client_build_number: 1, browser: 'Firefox', browser_version: '128.0.1' });
    expect(mergeBrowserIdentity(global, undefined)).toEqual(global);
  });
});

describe('configuration', () => {
  it('DISCORD_SUPER_PROPERTIES (JSON or base64), then DISCORD_USER_AGENT and DISCORD_LOCALE over the default', () => {
    const json = JSON.stringify({ client_build_number: 123456, system_locale: 'ja' });
    const fromJson = loadConfig({ DISCORD_SUPER_PROPERTIES: json, DISCORD_USER_AGENT: FIREFOX_MAC }).discord.browser;
    expect(fromJson).toMatchObject({ client_build_number: 123456, system_locale: 'ja', browser: 'Firefox', browser_user_agent: FIREFOX_MAC });
    const fromBase64 = loadConfig({ DISCORD_SUPER_PROPERTIES: Buffer.from(json).toString('base64'), DISCORD_LOCALE: 'de-DE' }).discord.browser;
    expect(fromBase64).toMatchObject({ client_build_number: 123456, system_locale: 'de-DE', browser: 'Chrome' });
    expect(loadConfig({}).discord.browser).toEqual(DEFAULT_BROWSER_IDENTITY);
  });

  it('reports bad values by name, without quoting them', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return [];
      } catch (err) {
        return (err as ConfigError).problems;
      }
    };
    expect(problems({ DISCORD_SUPER_PROPERTIES: 'not-json-secretish' })).toEqual(['DISCORD_SUPER_PROPERTIES: not a JSON object (or base64 of one)']);
    expect(problems({ DISCORD_SUPER_PROPERTIES: '{"userAgent":"x"}' })).toEqual(['DISCORD_SUPER_PROPERTIES: unknown field userAgent']);
    expect(problems({ DISCORD_LOCALE: 'English' })).toEqual(['DISCORD_LOCALE: must be a locale such as en-US']);
    expect(problems({ DISCORD_USER_AGENT: 'Mozilla\n' }).join()).toMatch(/^DISCORD_USER_AGENT: /);
  });

  it('an account may carry its own browser; a misspelt field is refused', () => {
    const base = { id: 'b', userToken: 'user-token-b', guildId: '1100000000000000001', channelId: '1100000000000000002' };
    expect(accountInputSchema.parse({ ...base, browser: { system_locale: 'fr' } }).browser).toEqual({ system_locale: 'fr' });
    expect(accountInputSchema.safeParse({ ...base, browser: { locale: 'fr' } }).success).toBe(false);
    const c = loadConfig({ MJ_ACCOUNTS: JSON.stringify([{ ...base, browser: { browser_user_agent: FIREFOX_MAC } }]) });
    expect(c.accounts[0]?.browser).toEqual({ browser_user_agent: FIREFOX_MAC });
  });
});

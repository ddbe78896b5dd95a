import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BROWSER_IDENTITY } from '@mjq/common';
import type { Sandbox } from '@mjq/sandbox';
import type { MjqClient } from '../support/mjq-client.js';
import type { MjqServices } from '../support/mjq-services.js';
import { startProxiedStack, type ProxiedStack } from '../support/proxied-stack.js';
import { pollUntil } from '../support/poll.js';
import { decodeSuperProperties, identifyOf, type RecordedRequest, type RecordingProxy } from '../support/recording-proxy.js';

/**
 * To Discord, each account must look like one person's browser, the same everywhere: the
 * User-Agent of every REST call and of the gateway handshake, X-Super-Properties and IDENTIFY's
 * `properties` — never got's or ws's defaults, which Discord's edge blocks. Proven on the wire:
 * mjq talks to the sandbox through a recording proxy.
 */
let stack: ProxiedStack;
let sandbox: Sandbox;
let proxy: RecordingProxy;
let mjq: MjqServices;
let client: MjqClient;

const ADMIN_KEY = 'identity-admin-key';
const TOKEN_A = 'identity-user-token-a';
const TOKEN_B = 'identity-user-token-b';
const TOKEN_C = 'identity-user-token-c';
const FIREFOX_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:128.0) Gecko/20100101 Firefox/128.0';
/** Account b's own browser: a User-Agent and a locale, the rest from the global identity. */
const B_BROWSER = { browser_user_agent: FIREFOX_MAC, system_locale: 'fr' };
/** What b must claim: the global identity with b's fields, and browser and OS as its User-Agent says. */
const B_IDENTITY = { ...DEFAULT_BROWSER_IDENTITY, ...B_BROWSER, browser: 'Firefox', browser_version: '128.0', os: 'Mac OS X', os_version: '10.15.7' };

beforeAll(async () => {
  stack = await startProxiedStack({
    users: [{ token: TOKEN_A }, { token: TOKEN_B }, { token: TOKEN_C }],
    env: (sandbox) => ({
      // One slot each: two imagines at once land on both accounts.
      MJ_ACCOUNTS: JSON.stringify([
        { id: 'a', userToken: TOKEN_A, guildId: sandbox.guildId, channelId: sandbox.channelId, concurrency: 1 },
        { id: 'b', userToken: TOKEN_B, guildId: sandbox.guildId, channelId: sandbox.channelId, concurrency: 1, browser: B_BROWSER },
      ]),
      ADMIN_KEYS: ADMIN_KEY,
      SEND_GAP_MS: '0',
      SEND_GAP_JITTER_MS: '0',
    }),
  });
  ({ sandbox, proxy, mjq, client } = stack);
});
afterAll(() => stack?.stop());

const header = (r: { headers: Record<string, unknown> }, name: string) => r.headers[name] as string | undefined;
const describeRequest = (r: RecordedRequest) => `${r.method} ${r.path}`;

describe('one browser identity per account, on the wire', () => {
  it('imagine then U1 on two accounts: every user-token call and handshake says the account\'s browser', async () => {
    const grids = await Promise.all(['a quiet harbour', 'a windy hill'].map(async (prompt) => client.succeeded(await client.trigger('imagine', { prompt }))));
    const used = await Promise.all(grids.map(async (g) => (await mjq.task(g.id)).accountId));
    expect(new Set(used)).toEqual(new Set(['a', 'b']));
    await Promise.all(
      grids.map(async (grid) => client.succeeded(await client.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id }))),
    );

    for (const [token, identity] of [
      [TOKEN_A, DEFAULT_BROWSER_IDENTITY],
      [TOKEN_B, B_IDENTITY],
    ] as const) {
      const calls = proxy.requestsWithAuth(token);
      // The command index, then imagine and U1: every REST call of the account.
      expect(calls.filter((r) => r.path.endsWith('/interactions')).length).toBeGreaterThanOrEqual(2);
      expect(calls.some((r) => r.path.includes('/application-command-index'))).toBe(true);
      for (const call of calls) {
        expect(header(call, 'user-agent'), describeRequest(call)).toBe(identity.browser_user_agent);
        expect(decodeSuperProperties(call.headers['x-super-properties']), describeRequest(call)).toEqual(identity);
        expect(header(call, 'x-discord-locale'), describeRequest(call)).toBe(identity.system_locale);
        expect(header(call, 'accept-language'), describeRequest(call)).toMatch(new RegExp(`^${identity.system_locale}\\b`));
      }

      // The account view: the same User-Agent on the handshake, the same properties in IDENTIFY.
      const sockets = proxy.socketsOf(token);
      expect(sockets.length).toBeGreaterThanOrEqual(1);
      for (const socket of sockets) {
        expect(header(socket, 'user-agent')).toBe(identity.browser_user_agent);
        const identify = identifyOf(socket);
        if (identify) expect(identify.properties).toEqual(decodeSuperProperties(calls[0]!.headers['x-super-properties']));
      }
      expect(sockets.some((s) => identifyOf(s) !== undefined)).toBe(true);

      // The sandbox saw the same (its request log and sessions keep them for other tests).
      const userId = sandbox.users.find((u) => u.token === token)!.id;
      const logged = sandbox.state.requests.requests.filter((r) => r.token === token);
      expect(logged.length).toBe(calls.length);
      expect(new Set(logged.map((r) => r.userAgent))).toEqual(new Set([identity.browser_user_agent]));
      const sessions = sandbox.state.snapshot().sessions.filter((s) => s.userId === userId && s.kind === 'user');
      expect(sessions.map((s) => s.properties)).toContainEqual(identity);
    }

    // The account view's GET /gateway carries no token, but a browser's User-Agent all the same.
    const discovery = proxy.requests.filter((r) => r.path.startsWith('/api/v9/gateway') && !r.headers.authorization);
    expect(discovery.length).toBeGreaterThanOrEqual(2);
    for (const r of discovery) expect([DEFAULT_BROWSER_IDENTITY.browser_user_agent, FIREFOX_MAC]).toContain(header(r, 'user-agent'));
    // Nothing user-side went to Discord's API with got's or ws's own User-Agent; the bot keeps discord.js' own.
    const userSide = proxy.requests.filter((r) => r.path.startsWith('/api/') && !String(r.headers.authorization ?? '').startsWith('Bot '));
    expect(userSide.filter((r) => /got|node/i.test(header(r, 'user-agent') ?? 'none'))).toEqual([]);
    const bot = proxy.requests.filter((r) => String(r.headers.authorization ?? '').startsWith('Bot '));
    expect(bot.length).toBeGreaterThan(0);
    for (const r of bot) expect(header(r, 'user-agent')).toMatch(/^DiscordBot/);
  }, 60_000);

  it('an account added through the admin API speaks as its own browser; the admin view shows it', async () => {
    const base = { guildId: sandbox.guildId, channelId: sandbox.channelId };
    const invalid = await putAccount({ id: 'c', userToken: TOKEN_C, ...base, browser: { system_locale: 'German' } });
    expect(invalid.status).toBe(400);
    const added = await putAccount({ id: 'c', userToken: TOKEN_C, ...base, browser: { system_locale: 'de-DE' } });
    expect(added.status).toBe(201);
    const accounts = await fetchAccounts();
    expect(accounts.find((a) => a.id === 'c')?.browser).toEqual({ system_locale: 'de-DE' });
    expect(accounts.find((a) => a.id === 'b')?.browser).toEqual(B_BROWSER);
    expect(accounts.find((a) => a.id === 'a')?.browser).toBeUndefined();

    // The listener opens c's account view at its next sync: global identity, c's locale.
    const [socket] = await pollUntil(async () => proxy.socketsOf(TOKEN_C), (s) => s.some((x) => identifyOf(x) !== undefined), 20_000);
    expect(identifyOf(socket!)?.properties).toEqual({ ...DEFAULT_BROWSER_IDENTITY, system_locale: 'de-DE' });
    expect(header(socket!, 'user-agent')).toBe(DEFAULT_BROWSER_IDENTITY.browser_user_agent);
    expect(header(socket!, 'accept-language')).toBe('de-DE,de;q=0.9');
  }, 30_000);

  it('keeps a resumed account view in view: READY\'s resume_gateway_url leads back through the proxy', async () => {
    const userId = sandbox.users.find((u) => u.token === TOKEN_A)!.id;
    sandbox.disconnectAll(4000, { kind: 'user', userId });
    const resumed = await pollUntil(
      async () => proxy.socketsOf(TOKEN_A).filter((s) => s.frames.some((f) => (f.data as { op?: number }).op === 6)),
      (sockets) => sockets.length > 0,
      15_000,
    );
    expect(header(resumed[0]!, 'user-agent')).toBe(DEFAULT_BROWSER_IDENTITY.browser_user_agent);
  }, 20_000);
});

async function putAccount(body: object): Promise<Response> {
  return fetch(`${mjq.api.url}/admin/accounts`, { method: 'POST', headers: { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function fetchAccounts(): Promise<{ id: string; browser?: unknown }[]> {
  const res = await fetch(`${mjq.api.url}/admin/accounts`, { headers: { 'x-admin-key': ADMIN_KEY } });
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; browser?: unknown }[];
}

import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '@mjq/sandbox';
import { ForwardProxy, type ProxiedConnection } from '../support/forward-proxy.js';
import { MjqClient, type TaskBody } from '../support/mjq-client.js';
import { MjqServices, sandboxEnv } from '../support/mjq-services.js';
import { pollUntil } from '../support/poll.js';

/**
 * Where Discord is reachable only through a proxy, every connection mjq makes to it goes there:
 * REST calls, uploads, both views' gateways (the accounts' and the bot's, tunnels), result-image
 * downloads. Proven by the sandbox's own count: every TCP peer it accepted is a connection the
 * proxy made.
 */
const TOKEN_A = 'proxy-test-user-token-a';
const TOKEN_B = 'proxy-test-user-token-b';
const ADMIN_KEY = 'proxy-test-admin-key';

let sandbox: Sandbox | undefined;
let mjq: MjqServices | undefined;
const proxies: ForwardProxy[] = [];

afterEach(async () => {
  await mjq?.stop();
  for (const proxy of proxies.splice(0)) await proxy.stop();
  await sandbox?.stop();
  mjq = undefined;
  sandbox = undefined;
});

async function startProxy(kind: 'http' | 'socks', credentials?: string): Promise<ForwardProxy> {
  const proxy = kind === 'http' ? await ForwardProxy.startHttp(credentials) : await ForwardProxy.startSocks();
  proxies.push(proxy);
  return proxy;
}

/** mjq on a new sandbox, its accounts declared in MJ_ACCOUNTS; the bot view (BOT_TOKEN) when `bot`. */
async function start(env: Record<string, string>, accounts: { id: string; token: string; proxy?: string }[], bot = false): Promise<MjqClient> {
  sandbox = await startSandbox({ port: 0, speed: 'instant', users: [{ token: TOKEN_A }, { token: TOKEN_B }] });
  const declared = accounts.map(({ id, token, proxy }) => ({ id, userToken: token, guildId: sandbox!.guildId, channelId: sandbox!.channelId, concurrency: 1, proxy }));
  mjq = await new MjqServices(sandboxEnv(sandbox, [], { BOT_TOKEN: bot ? sandbox.botToken : '', MJ_ACCOUNTS: JSON.stringify(declared), ADMIN_KEYS: ADMIN_KEY, ...env })).start('in-process');
  return new MjqClient(mjq.api.url);
}

async function imagineThenU1(client: MjqClient, prompt: string): Promise<TaskBody[]> {
  const grid = await client.succeeded(await client.trigger('imagine', { prompt }));
  const upscale = await client.succeeded(await client.trigger('upscale', { index: 1, msg_id: grid.messageId, msg_hash: grid.messageHash, trigger_id: grid.id }));
  return [grid, upscale];
}

/** Sandbox peers that are not connections of the proxies: mjq reached "Discord" directly. */
function directPeers(...through: ForwardProxy[]): number[] {
  const proxied = new Set(through.flatMap((p) => [...p.upstreamPorts()]));
  return sandbox!.peerPorts.filter((port) => !proxied.has(port));
}

const kinds = (connections: ProxiedConnection[]) => new Set(connections.map((c) => c.kind));

/**
 * Both views were up and reached Discord through `proxy` alone: no direct peer; the bot's REST
 * calls came on the proxy's connections; each live gateway session (the account's, the bot's)
 * had a tunnel carrying a WebSocket upgrade.
 */
function expectBothViewsThrough(proxy: ForwardProxy): void {
  const sessions = sandbox!.state.snapshot().sessions;
  expect(sessions.filter((s) => s.kind === 'bot')).toHaveLength(1);
  expect(sessions.length).toBeGreaterThanOrEqual(2);
  expect(sandbox!.peerPorts.length).toBeGreaterThan(0);
  expect(directPeers(proxy)).toEqual([]);
  expect(proxy.connections.filter((c) => c.tunnelled?.websocket).length).toBeGreaterThanOrEqual(sessions.length);
  const botCalls = sandbox!.state.requests.requests.filter((r) => r.token === sandbox!.botToken);
  expect(botCalls.length).toBeGreaterThan(0);
  expect(botCalls.filter((r) => !proxy.upstreamPorts().has(r.peerPort!))).toEqual([]);
}

describe('DISCORD_PROXY', () => {
  it('imagine → U1 with the bot view: every connection to Discord goes through the proxy, none directly', async () => {
    const proxy = await startProxy('http', 'mjq:s3cret-pass');
    const client = await start({ DISCORD_PROXY: proxy.url }, [{ id: 'a', token: TOKEN_A }], true);
    const tasks = await imagineThenU1(client, 'a lighthouse in fog');

    // Result images were copied through the proxy too: the tasks point at mjq's copies.
    for (const task of tasks) expect(task.imageUrl).toMatch(/\/v1\/images\/result\//);
    expectBothViewsThrough(proxy);
    // Every connection a CONNECT tunnel (REST, gateways and CDN alike), with the proxy's credentials.
    expect(kinds(proxy.connections)).toEqual(new Set(['connect']));
    expect(proxy.connections.every((c) => c.user === 'mjq')).toBe(true);
    const interactions = sandbox!.state.requests.requests.filter((r) => r.path === '/interactions');
    expect(interactions.length).toBeGreaterThanOrEqual(2);
  });

  it('a socks5 proxy carries every connection of both views (socksv5 as the server)', async () => {
    const proxy = await startProxy('socks');
    const client = await start({ DISCORD_PROXY: proxy.url }, [{ id: 'a', token: TOKEN_A }], true);
    await imagineThenU1(client, 'a harbour at dawn');
    expectBothViewsThrough(proxy);
    expect(kinds(proxy.connections)).toEqual(new Set(['socks']));
  });

  it('NO_PROXY names Discord: nothing goes through the proxy', async () => {
    const proxy = await startProxy('http');
    const client = await start({ DISCORD_PROXY: proxy.url, NO_PROXY: 'example.org, 127.0.0.1' }, [{ id: 'a', token: TOKEN_A }], true);
    await client.succeeded(await client.trigger('imagine', { prompt: 'a quiet street' }));
    expect(sandbox!.state.snapshot().sessions.filter((s) => s.kind === 'bot')).toHaveLength(1);
    expect(proxy.connections).toEqual([]);
    expect(directPeers(proxy).length).toBeGreaterThan(0);
  });
});

describe('a proxy per account', () => {
  it("each account's REST and gateway leave through its own proxy; the admin API never shows the credentials", async () => {
    const [shared, ofA, ofB] = [await startProxy('http'), await startProxy('http', 'alice:pw-of-a'), await startProxy('http', 'bob:pw-of-b')];
    const client = await start({ DISCORD_PROXY: shared.url }, [{ id: 'a', token: TOKEN_A, proxy: ofA.url }]);
    const added = await admin('POST', { id: 'b', userToken: TOKEN_B, guildId: sandbox!.guildId, channelId: sandbox!.channelId, concurrency: 1, proxy: ofB.url });
    expect(added.status).toBe(201);
    // b's gateway opens at the listener's next account sync.
    const userB = sandbox!.users.find((u) => u.token === TOKEN_B)!.id;
    await pollUntil(async () => sandbox!.state.snapshot().sessions.some((s) => s.userId === userB && s.kind === 'user'), Boolean, 30_000);

    // Two at once on one slot each: one lands on each account (b once its gateway is up).
    const ids = await Promise.all(['a red kite', 'a blue kite'].map((prompt) => client.trigger('imagine', { prompt })));
    const grids = await Promise.all(ids.map((id) => client.succeeded(id, 60_000)));
    expect(new Set(await Promise.all(grids.map(async (g) => (await mjq!.task(g.id)).accountId)))).toEqual(new Set(['a', 'b']));

    expect(directPeers(shared, ofA, ofB)).toEqual([]);
    // The sandbox knows which connection each REST call came on, and whose token it carried
    // (GET /gateway, the account gateway's discovery, carries none).
    const rest = sandbox!.state.requests.requests;
    const restPorts = new Set(rest.map((r) => r.peerPort));
    const tokensVia = (p: ForwardProxy) => new Set(rest.filter((r) => r.token && p.upstreamPorts().has(r.peerPort!)).map((r) => r.token));
    expect(tokensVia(ofA)).toEqual(new Set([TOKEN_A]));
    expect(tokensVia(ofB)).toEqual(new Set([TOKEN_B]));
    expect(tokensVia(shared)).toEqual(new Set());
    // Each account's gateway: a tunnel of its own proxy that carried no REST call.
    for (const own of [ofA, ofB]) expect([...own.upstreamPorts()].some((port) => !restPorts.has(port))).toBe(true);
    // The global proxy carried the result-image downloads (the CDN), and nothing of the accounts.
    expect(shared.connections.length).toBeGreaterThan(0);

    const listed = await admin('GET');
    const text = JSON.stringify(listed.body);
    expect(text).not.toContain('pw-of-a');
    expect(text).not.toContain('pw-of-b');
    const byId = new Map((listed.body as { id: string; proxy?: string }[]).map((a) => [a.id, a.proxy]));
    expect(byId.get('a')).toBe(`http://***@127.0.0.1:${ofA.port}`);
    expect(byId.get('b')).toBe(`http://***@127.0.0.1:${ofB.port}`);
    expect(JSON.stringify(added.body)).not.toContain('pw-of-b');
  });

  it('an account proxy that is not a proxy URL is refused with a 400 and nothing stored', async () => {
    await start({}, [{ id: 'a', token: TOKEN_A }]);
    const refused = await admin('POST', { id: 'c', userToken: TOKEN_B, guildId: sandbox!.guildId, channelId: sandbox!.channelId, proxy: 'ftp://user:hidden@host:21' });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain('hidden');
    expect((refused.body as { code?: string }).code).toBe('VALIDATION_ERROR');
    expect(((await admin('GET')).body as { id: string }[]).map((a) => a.id)).toEqual(['a']);
  });
});

describe('a proxy that is down', () => {
  it('fails the sends with an error naming the proxy (credentials masked); every task ends', async () => {
    const proxy = await startProxy('http', 'mjq:never-shown');
    const client = await start({ DISCORD_PROXY: proxy.url, TASK_TIMEOUT_S: '60' }, [{ id: 'a', token: TOKEN_A }]);
    // Up first: the account's gateway session (an open tunnel) is live, so the sends are tried.
    await client.succeeded(await client.trigger('imagine', { prompt: 'before the outage' }));
    proxy.refuseNew();

    const ids = await Promise.all(['during the outage 1', 'during the outage 2'].map((prompt) => client.trigger('imagine', { prompt })));
    const ended = await Promise.all(ids.map((id) => client.until(id, ['SUCCESS', 'FAILURE', 'CANCEL'], 90_000)));
    for (const task of ended) {
      expect(task.status).toBe('FAILURE');
      expect(task.failCode).toBe('discord_unavailable');
      expect(task.failReason).toContain(`through the proxy http://***@127.0.0.1:${proxy.port}`);
      expect(task.failReason).toContain('ECONNREFUSED');
      expect(task.failReason).not.toContain('never-shown');
    }
  }, 120_000);
});

async function admin(method: 'GET' | 'POST', body?: object): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${mjq!.api.url}/admin/accounts`, {
    method,
    headers: { 'x-admin-key': ADMIN_KEY, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json() };
}

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { buttonPayload, commandPayload, eventually, findCommand, imagine, postInteraction, resultOf, userHeaders } from './helpers.js';

describe('REST', () => {
  let sandbox: Sandbox;
  const api = (path: string) => `${sandbox.apiBase}/v10${path}`;
  const post = (path: string, body: unknown) =>
    fetch(api(path), { method: 'POST', headers: userHeaders(sandbox), body: JSON.stringify(body) });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant' });
  });
  afterEach(async () => {
    await fetch(`${sandbox.url}/_sandbox/reset`, { method: 'POST' });
  });
  afterAll(() => sandbox.stop());

  it('answers 401 with a JSON body for bad tokens and the wrong kind of token', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      ['/users/@me', { Authorization: 'wrong' }],
      ['/users/@me', { Authorization: `Bot ${sandbox.userToken}` }],
      ['/users/@me', {}],
      ['/gateway/bot', { Authorization: sandbox.userToken }],
      ['/gateway/bot', { Authorization: sandbox.botToken }],
    ];
    for (const [path, headers] of cases) {
      const res = await fetch(api(path), { headers });
      expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/json');
      expect(await res.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    }
    const asBot = await postInteraction(sandbox, {}, `Bot ${sandbox.botToken}`);
    expect(asBot.status).toBe(401);
  });

  it('serves /gateway without auth and the same API under v9 and v10', async () => {
    expect(await (await fetch(api('/gateway'))).json()).toEqual({ url: sandbox.gatewayUrl });
    for (const v of ['v9', 'v10']) {
      const me = await fetch(`${sandbox.apiBase}/${v}/users/@me`, { headers: { authorization: sandbox.userToken } });
      expect(((await me.json()) as { id: string }).id).toBe(sandbox.userId);
    }
    const unknown = await fetch(api('/nowhere'), { headers: userHeaders(sandbox) });
    expect([unknown.status, await unknown.json()]).toEqual([404, { message: '404: Not Found', code: 0 }]);
  });

  it('puts rate-limit headers on limited routes and answers 429 with Retry-After when exceeded', async () => {
    const first = await fetch(api(`/channels/${sandbox.channelId}`), { headers: userHeaders(sandbox) });
    for (const h of ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'x-ratelimit-reset-after', 'x-ratelimit-bucket']) {
      expect(first.headers.get(h), h).not.toBeNull();
    }
    sandbox.configure({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 3; i++) {
      const res = await fetch(api(`/channels/${sandbox.channelId}/messages`), { headers: userHeaders(sandbox) });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited!.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(await limited!.json()).toMatchObject({ message: 'You are being rate limited.', global: false, retry_after: expect.any(Number) });
  });

  it('answers 204 with an empty body for a valid /imagine', async () => {
    const res = await imagine(sandbox, 'a quiet harbour');
    expect(res.status).toBe(204);
    expect(await res.text()).toBe('');
    expect(sandbox.state.interactions.at(-1)).toMatchObject({ status: 204, target: 'imagine', id: expect.any(String), receivedAt: expect.any(Number) });
  });

  it('rejects a stale command version with 50035 INTERACTION_APPLICATION_COMMAND_INVALID_VERSION', async () => {
    const documented = { id: '938956540159881230', version: '1237876415471554623' }; // §3.2's snapshot
    const res = await postInteraction(sandbox, commandPayload(sandbox, documented, 'imagine', [{ type: 3, name: 'prompt', value: 'x' }]));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.json()).toEqual({
      code: 50035,
      message: 'Invalid Form Body',
      errors: { data: { _errors: [{ code: 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION', message: expect.any(String) }] } },
    });
  });

  it('validates the envelope: application, channel, session id, nonce', async () => {
    const command = await findCommand(sandbox, 'imagine');
    const valid = commandPayload(sandbox, command, 'imagine', [{ type: 3, name: 'prompt', value: 'x' }]);
    const cases: Array<[Record<string, unknown>, number, number]> = [
      [{ application_id: '1' }, 404, 10002],
      [{ channel_id: '1' }, 404, 10003],
      [{ session_id: 'short' }, 400, 50035],
      [{ nonce: undefined }, 400, 50035],
    ];
    for (const [patch, status, code] of cases) {
      const res = await postInteraction(sandbox, { ...valid, ...patch });
      expect([res.status, ((await res.json()) as { code: number }).code], JSON.stringify(patch)).toEqual([status, code]);
    }
  });

  it('validates buttons against the message: 10008 unknown message, COMPONENT_VALIDATION_FAILED, 204', async () => {
    await imagine(sandbox, 'three cats');
    const result = await eventually(() => resultOf(sandbox, 'three cats'));
    const u1 = result.components[0]!.components[0]!.custom_id;

    const unknown = await postInteraction(sandbox, buttonPayload(sandbox, '1300000000000000999', u1));
    expect([unknown.status, await unknown.json()]).toEqual([404, { code: 10008, message: 'Unknown Message' }]);

    const foreign = await postInteraction(sandbox, buttonPayload(sandbox, result.id, 'MJ::JOB::upsample::1::00000000-0000-0000-0000-000000000000'));
    expect(foreign.status).toBe(400);
    expect(await foreign.json()).toMatchObject({ code: 50035, errors: { data: { _errors: [{ code: 'COMPONENT_VALIDATION_FAILED' }] } } });

    expect((await postInteraction(sandbox, buttonPayload(sandbox, result.id, u1))).status).toBe(204);
  });

  it('pages channel history newest first with limit, before, after and around', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(((await (await post(`/channels/${sandbox.channelId}/messages`, { content: `m${i}` })).json()) as { id: string }).id);
    const page = async (query: string) => {
      const res = await fetch(api(`/channels/${sandbox.channelId}/messages?${query}`), { headers: userHeaders(sandbox) });
      return ((await res.json()) as Array<{ content: string }>).map((m) => m.content);
    };
    expect(await page('limit=2')).toEqual(['m4', 'm3']);
    expect(await page(`before=${ids[3]}&limit=2`)).toEqual(['m2', 'm1']);
    expect(await page(`after=${ids[1]}&limit=2`)).toEqual(['m3', 'm2']);
    expect(await page(`around=${ids[2]}&limit=3`)).toEqual(['m3', 'm2', 'm1']);
    const one = await fetch(api(`/channels/${sandbox.channelId}/messages/${ids[0]}`), { headers: userHeaders(sandbox) });
    expect(((await one.json()) as { content: string }).content).toBe('m0');
    const bad = await fetch(api(`/channels/${sandbox.channelId}/messages?limit=500`), { headers: userHeaders(sandbox) });
    expect(bad.status).toBe(400);
    const empty = await post(`/channels/${sandbox.channelId}/messages`, { content: '' });
    expect(await empty.json()).toEqual({ code: 50006, message: 'Cannot send an empty message' });
  });

  it('serves the discovery endpoints', async () => {
    const get = async (path: string) => (await fetch(api(path), { headers: { Authorization: `Bot ${sandbox.botToken}` } })).json();
    expect(await get('/users/@me')).toMatchObject({ id: sandbox.botUserId, bot: true });
    expect(await get('/users/@me/guilds')).toEqual([expect.objectContaining({ id: sandbox.guildId, permissions: expect.any(String) })]);
    expect(await get(`/guilds/${sandbox.guildId}`)).toMatchObject({ id: sandbox.guildId, roles: [expect.objectContaining({ name: '@everyone' })] });
    expect(await get(`/guilds/${sandbox.guildId}/channels`)).toEqual([expect.objectContaining({ id: sandbox.channelId })]);
    expect(await get(`/channels/${sandbox.channelId}`)).toMatchObject({ id: sandbox.channelId, guild_id: sandbox.guildId });
    expect(await get('/channels/42')).toEqual({ code: 10003, message: 'Unknown Channel' });
    const index = (await get(`/channels/${sandbox.channelId}/application-command-index`)) as { application_commands: Array<{ name: string }> };
    expect(index.application_commands.map((c) => c.name)).toEqual(['imagine', 'describe', 'blend', 'shorten', 'settings', 'info', 'fast', 'relax', 'turbo', 'prefer']);
  });
});

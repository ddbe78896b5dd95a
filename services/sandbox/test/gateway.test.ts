import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { commandPayload, findCommand, identifyBot, identifyUser, postInteraction, RawGateway, userHeaders } from './helpers.js';

describe('gateway (raw WebSocket)', () => {
  let sandbox: Sandbox;
  let url: string;
  const open: RawGateway[] = [];
  const connect = async (onOpen?: (gw: RawGateway) => void) => {
    const gw = await RawGateway.open(url, onOpen);
    open.push(gw);
    return gw;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant', heartbeatIntervalMs: 5_000 });
    url = `${sandbox.gatewayUrl}/?v=10&encoding=json`;
  });
  afterEach(() => {
    for (const gw of open.splice(0)) gw.close();
    sandbox.configure({ privilegedIntents: (1 << 1) | (1 << 8) | (1 << 15) });
  });
  afterAll(() => sandbox.stop());

  it('sends HELLO at once and ACKs every heartbeat, whatever its d', async () => {
    const gw = await connect();
    const hello = await gw.waitFor((f) => f.op === 10);
    expect(hello).toEqual({ op: 10, d: { heartbeat_interval: 5_000 }, s: null, t: null });
    gw.send(1, null);
    gw.send(1, 17);
    await gw.waitFor(() => gw.frames.filter((f) => f.op === 11).length === 2);
  });

  it('accepts a user IDENTIFY sent before HELLO and answers a user READY', async () => {
    const gw = await connect((g) => identifyUser(g, sandbox));
    const ready = await gw.dispatch('READY');
    expect(ready.s).toBe(1);
    expect(ready.d.user.id).toBe(sandbox.userId);
    expect(ready.d.session_id).toMatch(/^[0-9a-f]{32}$/);
    expect(ready.d.resume_gateway_url).toBe(sandbox.gatewayUrl);
    expect(ready.d.guilds[0].channels.map((c: { id: string }) => c.id)).toContain(sandbox.channelId);
  });

  it('gives a bot READY with application and unavailable guilds, then GUILD_CREATE', async () => {
    const gw = await connect();
    identifyBot(gw, sandbox);
    const ready = await gw.dispatch('READY');
    expect(ready.d.application).toEqual({ id: sandbox.botUserId, flags: expect.any(Number) });
    expect(ready.d.guilds).toEqual([{ id: sandbox.guildId, unavailable: true }]);
    expect(ready.d.shard).toEqual([0, 1]);
    const guild = await gw.dispatch('GUILD_CREATE');
    expect(guild.s).toBe(2);
    expect(guild.d.unavailable).toBe(false);
  });

  it('closes 4004 on a bad token, 4013 on undefined intents, 4014 on disallowed ones', async () => {
    const bad = await connect();
    bad.send(2, { token: 'nope', intents: 513, properties: {} });
    expect((await bad.closed).code).toBe(4004);

    const undefinedBits = await connect();
    identifyBot(undefinedBits, sandbox, 1 << 30);
    expect((await undefinedBits.closed).code).toBe(4013);

    sandbox.configure({ privilegedIntents: 0 });
    const privileged = await connect();
    identifyBot(privileged, sandbox);
    expect((await privileged.closed).code).toBe(4014);
  });

  it('replays missed dispatches on RESUME, then RESUMED', async () => {
    const first = await connect();
    identifyBot(first, sandbox);
    const ready = await first.dispatch('READY');
    await first.dispatch('GUILD_CREATE');
    first.close();
    await first.closed;

    // Dispatched while the bot is away: it must come back on resume.
    const res = await fetch(`${sandbox.apiBase}/v10/channels/${sandbox.channelId}/messages`, {
      method: 'POST',
      headers: userHeaders(sandbox),
      body: JSON.stringify({ content: 'while you were away' }),
    });
    expect(res.status).toBe(200);

    const second = await connect();
    second.send(6, { token: sandbox.botToken, session_id: ready.d.session_id, seq: 2 });
    const resumed = await second.dispatch('RESUMED');
    const dispatches = second.frames.filter((f) => f.op === 0);
    expect(dispatches.map((f) => [f.t, f.s])).toEqual([
      ['MESSAGE_CREATE', 3],
      ['RESUMED', 4],
    ]);
    expect(dispatches[0]?.d.content).toBe('while you were away');
    expect(resumed.s).toBe(4);
    expect(sandbox.state.sessions.get(ready.d.session_id)?.info()).toMatchObject({ connected: true, resumes: 1, stall: null });
  });

  it('answers op 9 (not resumable) to a RESUME of an unknown session', async () => {
    const gw = await connect();
    gw.send(6, { token: sandbox.botToken, session_id: '0123456789abcdef0123456789abcdef', seq: 1 });
    expect(await gw.waitFor((f) => f.op === 9)).toMatchObject({ op: 9, d: false });
  });

  it('delivers ephemeral replies and INTERACTION_* only to the invoking user', async () => {
    const user = await connect();
    identifyUser(user, sandbox);
    const userReady = await user.dispatch('READY');
    const bot = await connect();
    identifyBot(bot, sandbox);
    await bot.dispatch('GUILD_CREATE');

    // /info answers ephemerally: "thinking" (flags 64 + 128) with the nonce, then the edit with the embed.
    const info = await findCommand(sandbox, 'info');
    const body = commandPayload(sandbox, info, 'info', [], { sessionId: userReady.d.session_id, nonce: '1290000000000999001' });
    expect((await postInteraction(sandbox, body)).status).toBe(204);

    const created = await user.dispatch('INTERACTION_CREATE');
    const success = await user.dispatch('INTERACTION_SUCCESS');
    expect(success.d).toEqual({ id: created.d.id, nonce: '1290000000000999001' });
    const reply = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === '1290000000000999001');
    expect(reply.d.flags).toBe(64 | 128);
    const answer = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === reply.d.id && d.embeds?.length > 0);
    expect(answer.d.flags).toBe(64);
    expect(answer.d.embeds[0]).toMatchObject({ title: expect.stringMatching(/^Your info - /), description: expect.stringContaining('**Job Mode**: Fast') });
    expect(reply.s).toBeGreaterThan(success.s!);
    expect(success.s).toBeGreaterThan(created.s!);

    // A public message afterwards: once the bot has it, it would have had the others too.
    await fetch(`${sandbox.apiBase}/v10/channels/${sandbox.channelId}/messages`, {
      method: 'POST',
      headers: userHeaders(sandbox),
      body: JSON.stringify({ content: 'marker' }),
    });
    await bot.dispatch('MESSAGE_CREATE', (d) => d.content === 'marker');
    expect(bot.frames.filter((f) => f.t?.startsWith('INTERACTION_'))).toEqual([]);
    expect(bot.frames.filter((f) => f.t === 'MESSAGE_CREATE' && f.d.flags & 64)).toEqual([]);
  });

  it('sends INTERACTION_* only to the session the interaction names: none for a made-up id, unless lenient routing is on', async () => {
    const [first, second] = [await connect(), await connect()];
    identifyUser(first, sandbox);
    identifyUser(second, sandbox);
    const firstReady = await first.dispatch('READY');
    await second.dispatch('READY');
    const info = await findCommand(sandbox, 'info');
    const send = (sessionId: string, nonce: string) => postInteraction(sandbox, commandPayload(sandbox, info, 'info', [], { sessionId, nonce }));

    // Named: that session alone hears it (its reply, ephemeral, goes to every session of the user).
    expect((await send(firstReady.d.session_id, '1290000000000999101')).status).toBe(204);
    await first.dispatch('INTERACTION_SUCCESS', (d) => d.nonce === '1290000000000999101');
    await second.dispatch('MESSAGE_CREATE', (d) => d.nonce === '1290000000000999101');
    // Made up: the job still runs (its reply arrives), but nobody hears its INTERACTION_* events.
    expect((await send('0123456789abcdef0123456789abcdef', '1290000000000999102')).status).toBe(204);
    await first.dispatch('MESSAGE_CREATE', (d) => d.nonce === '1290000000000999102');
    await second.dispatch('MESSAGE_CREATE', (d) => d.nonce === '1290000000000999102');
    const interactionEvents = (gw: RawGateway) => gw.frames.filter((f) => f.t?.startsWith('INTERACTION_')).map((f) => `${f.t} ${f.d.nonce}`);
    expect(interactionEvents(first)).toEqual(['INTERACTION_CREATE 1290000000000999101', 'INTERACTION_SUCCESS 1290000000000999101']);
    expect(interactionEvents(second)).toEqual([]);

    sandbox.configure({ interactionEventsToAllSessions: true });
    try {
      expect((await send('0123456789abcdef0123456789abcdef', '1290000000000999103')).status).toBe(204);
      for (const gw of [first, second]) await gw.dispatch('INTERACTION_SUCCESS', (d) => d.nonce === '1290000000000999103');
    } finally {
      sandbox.configure({ interactionEventsToAllSessions: false });
    }
  });
});

import { once } from 'node:events';
import { Client, Events, GatewayIntentBits, type Message } from 'discord.js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { commandPayload, eventually, findCommand, imagine, postInteraction, RawGateway, userHeaders } from './helpers.js';
import { control, UserSession } from './user-session.js';

describe('gateway faults and command versions', () => {
  let sandbox: Sandbox;
  const open: UserSession[] = [];
  const session = async () => {
    const s = await UserSession.open(sandbox);
    open.push(s);
    return s;
  };
  const post = (content: string) =>
    fetch(`${sandbox.apiBase}/v10/channels/${sandbox.channelId}/messages`, { method: 'POST', headers: userHeaders(sandbox), body: JSON.stringify({ content }) });

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant', heartbeatIntervalMs: 1_000 });
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await control(sandbox, 'reset');
  });
  afterAll(() => sandbox.stop());

  it('disconnectAll closes every socket with 4000; RESUME replays what was dispatched meanwhile', async () => {
    const user = await session();
    const lastSeq = user.dispatches().at(-1)!.s!;
    expect(sandbox.disconnectAll()).toBe(1);
    expect((await user.gw.closed).code).toBe(4000);
    await post('while you were away');
    const again = await RawGateway.open(sandbox.gatewayUrl);
    again.send(6, { token: sandbox.userToken, session_id: user.sessionId, seq: lastSeq });
    await again.dispatch('RESUMED');
    expect(again.frames.filter((f) => f.op === 0).map((f) => [f.t, f.d.content ?? null])).toEqual([
      ['MESSAGE_CREATE', 'while you were away'],
      ['RESUMED', null],
    ]);
    again.close();
  });

  it('sends op 7 to every session and closes those that do not reconnect; filters by kind and close code', async () => {
    const user = await session();
    expect((await control(sandbox, 'gateway/reconnect', { kind: 'bot' })).body).toEqual({ sessions: 0 });
    expect((await control(sandbox, 'gateway/reconnect', { kind: 'user' })).body).toEqual({ sessions: 1 });
    await user.gw.waitFor((f) => f.op === 7);
    expect((await user.gw.closed).code).toBe(4000);
    const other = await session();
    expect((await control(sandbox, 'gateway/disconnect', { code: 1000, userId: other.userId })).body).toEqual({ sessions: 1 });
    expect((await other.gw.closed).code).toBe(1000);
    expect((await control(sandbox, 'gateway/disconnect', { code: 1006 })).status).toBe(400);
  });

  it('discord.js resumes after disconnectAll and op 7, and gets every missed dispatch', async () => {
    const client = new Client({ intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent], rest: { api: sandbox.apiBase } });
    const seen: string[] = [];
    let resumes = 0;
    const replayed: number[] = [];
    client.on(Events.MessageCreate, (m: Message) => seen.push(m.content));
    client.on(Events.ShardResume, (_shard, events) => {
      resumes += 1;
      replayed.push(events);
    });
    const ready = once(client, Events.ClientReady);
    await client.login(sandbox.botToken);
    await ready;
    try {
      sandbox.configure({ speed: { stepMs: 20 } });
      await imagine(sandbox, 'a fox through a storm');
      sandbox.disconnectAll();
      await post('missed one');
      await eventually(() => (resumes === 1 && seen.includes('missed one') ? true : undefined));
      await eventually(() => seen.find((c) => c === `**a fox through a storm** - <@${sandbox.userId}> (fast)`));
      expect(sandbox.reconnectAll()).toBe(1);
      await post('missed two');
      await eventually(() => (resumes === 2 && seen.includes('missed two') ? true : undefined));
      expect(seen.filter((c) => c.startsWith('missed'))).toEqual(['missed one', 'missed two']);
      expect(replayed[0]).toBeGreaterThan(0); // the resume carried what was dispatched while away
    } finally {
      await client.destroy();
    }
  });

  it('stall silences a socket — no ACKs, no dispatches — and a RESUME elsewhere replays what it withheld', async () => {
    const user = await session();
    const info = () => sandbox.state.sessions.get(user.sessionId)!.info();
    const lastSeq = user.dispatches().at(-1)!.s!;
    expect(sandbox.stallAll({ kind: 'bot' })).toBe(0);
    expect((await control(sandbox, 'gateway/stall', { userId: user.userId })).body).toEqual({ sessions: 1 });
    expect(info().stall).toEqual({ at: expect.any(Number), seq: lastSeq, heartbeats: 0, closeCode: null });
    await post('while stalled');
    user.gw.send(1, lastSeq);
    user.gw.send(1, lastSeq);
    await eventually(() => (info().stall?.heartbeats === 2 ? true : undefined));
    // The client gives up on it as a zombie: a resumable close, then RESUME on a new socket.
    user.gw.ws.close(4000);
    await user.gw.closed;
    await eventually(() => info().stall?.closeCode ?? undefined);
    expect(info().stall).toMatchObject({ heartbeats: 2, closeCode: 4000 });
    // Closed: nothing more can reach the silent socket, and nothing did.
    expect(user.gw.frames.filter((f) => f.op === 11 || f.s! > lastSeq)).toEqual([]);
    const again = await RawGateway.open(sandbox.gatewayUrl);
    again.send(6, { token: sandbox.userToken, session_id: user.sessionId, seq: lastSeq });
    await again.dispatch('RESUMED');
    expect(again.frames.filter((f) => f.op === 0).map((f) => [f.t, f.d.content ?? null])).toEqual([
      ['MESSAGE_CREATE', 'while stalled'],
      ['RESUMED', null],
    ]);
    // The new socket is not silent.
    again.send(1, null);
    await again.waitFor((f) => f.op === 11);
    expect(info()).toMatchObject({ connected: true, resumes: 1 });
    again.close();
    await again.closed;
  });

  it('stall with newConnections: the next sockets to open get no HELLO and answer nothing', async () => {
    // A bot filter keeps sockets of earlier tests that are still closing out of it.
    expect((await control(sandbox, 'gateway/stall', { kind: 'bot', newConnections: 1 })).status).toBe(200);
    const silent = await RawGateway.open(sandbox.gatewayUrl);
    silent.send(1, null);
    silent.send(2, { token: sandbox.userToken, capabilities: 8189, properties: { os: 'linux', browser: 'test', device: '' } });
    // Only one was asked for: the next socket is a normal one.
    const user = await session();
    expect(user.userId).toBe(sandbox.userId);
    silent.close();
    await silent.closed;
    expect(silent.frames).toEqual([]);
    expect((await control(sandbox, 'gateway/stall', { newConnections: -1 })).status).toBe(400);
  });

  it('duplicates dispatches with duplicateEvents', async () => {
    const user = await session();
    sandbox.configure({ faults: { duplicateEvents: 1 } });
    await post('twice');
    // The copies go out back to back: once the first is here and a heartbeat has made the round
    // trip after it, every copy there is has arrived.
    await user.next('MESSAGE_CREATE', (d) => d.content === 'twice');
    await user.flush();
    const copies = user.dispatches('MESSAGE_CREATE').filter((f) => f.d.content === 'twice');
    expect(copies).toHaveLength(2);
    expect(copies[1]!.s).toBe(copies[0]!.s! + 1);
    expect(copies[1]!.d).toEqual(copies[0]!.d);
  });

  it('drops progress updates with dropEvents, never the result or the delete', async () => {
    const user = await session();
    sandbox.configure({ faults: { dropEvents: 1 } });
    await imagine(sandbox, 'a quiet fox');
    await user.next('MESSAGE_CREATE', (d) => d.attachments.length > 0);
    await user.next('MESSAGE_DELETE');
    expect(user.dispatches('MESSAGE_UPDATE')).toEqual([]);
    // The progress message was still edited: a client reading it over REST sees the edits.
    const progress = sandbox.state.messages.all().find((m) => m.deleted)!;
    expect(progress.message.content).toMatch(/\(93%\) \(fast\)$/);
  });

  it('rotates command versions: stale clients get 50035 INVALID_VERSION until they refetch the index', async () => {
    const stale = await findCommand(sandbox, 'imagine');
    const rotated = await control(sandbox, 'commands/rotate');
    expect(rotated.body.commands.find((c: { name: string }) => c.name === 'imagine').version).not.toBe(stale.version);
    const body = (command: { id: string; version: string }) => commandPayload(sandbox, command, 'imagine', [{ type: 3, name: 'prompt', value: 'x' }]);
    const res = await postInteraction(sandbox, body(stale));
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: 50035, errors: { data: { _errors: [{ code: 'INTERACTION_APPLICATION_COMMAND_INVALID_VERSION' }] } } });
    const fresh = await findCommand(sandbox, 'imagine');
    expect((await postInteraction(sandbox, body(fresh))).status).toBe(204);
    sandbox.rotateCommandVersions();
    expect((await postInteraction(sandbox, body(fresh))).status).toBe(400);
    await control(sandbox, 'reset');
    expect((await findCommand(sandbox, 'imagine')).version).toBe(stale.version);
  });
});

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { eventually, identifyBot, RawGateway } from './helpers.js';
import { control, UserSession } from './user-session.js';

describe('several Midjourney accounts', () => {
  let sandbox: Sandbox;
  const open: UserSession[] = [];
  const session = async (token: string) => {
    const s = await UserSession.open(sandbox, token);
    open.push(s);
    return s;
  };

  beforeAll(async () => {
    sandbox = await startSandbox({
      port: 0,
      speed: 'instant',
      users: [{ token: 'token-a' }, { token: 'token-b', username: 'bee', concurrency: 1 }],
    });
  });
  afterEach(async () => {
    for (const s of open.splice(0)) s.close();
    await control(sandbox, 'reset');
  });
  afterAll(() => sandbox.stop());

  it('gives each account its own id, READY and REST identity; the first stays userToken/userId', async () => {
    expect(sandbox.userToken).toBe('token-a');
    expect(sandbox.users.map((u) => [u.token, u.username, u.concurrency])).toEqual([
      ['token-a', 'driver', 3],
      ['token-b', 'bee', 1],
    ]);
    expect(sandbox.userId).toBe(sandbox.users[0]!.id);
    const [a, b] = [await session('token-a'), await session('token-b')];
    expect([a.userId, b.userId]).toEqual(sandbox.users.map((u) => u.id));
    const ready = b.dispatches('READY')[0]!.d;
    expect(ready.user).toMatchObject({ id: b.userId, username: 'bee' });
    expect(ready.guilds[0].channels.map((c: { id: string }) => c.id)).toContain(sandbox.channelId);
    expect(ready.guilds[0].member_count).toBe(4);
    const me = await fetch(`${sandbox.apiBase}/v9/users/@me`, { headers: { Authorization: 'token-b' } });
    expect(((await me.json()) as { id: string }).id).toBe(b.userId);
  });

  it('refuses unusable users options before taking a port', async () => {
    await expect(startSandbox({ port: 0, users: [] })).rejects.toThrow(/at least one/);
    await expect(startSandbox({ port: 0, users: [{ token: 'x', id: 'not-a-snowflake' }] })).rejects.toThrow(/snowflake/);
    await expect(startSandbox({ port: 0, users: [{ token: 'x' }, { token: 'x' }] })).rejects.toThrow(/in use/);
    await expect(startSandbox({ port: 0, users: [{ token: 'x', concurrency: 0 }] })).rejects.toThrow(/concurrency/);
  });

  it('adds accounts at runtime, through addUser() and POST /_sandbox/users', async () => {
    const c = sandbox.addUser({ token: 'token-c', concurrency: 2 });
    expect(c).toMatchObject({ token: 'token-c', username: 'driver3', concurrency: 2, id: expect.stringMatching(/^\d+$/) });
    const added = await control(sandbox, 'users', { token: 'token-d', id: '1200000000000000777', username: 'dee' });
    expect(added).toEqual({ status: 200, body: expect.objectContaining({ id: '1200000000000000777', username: 'dee', concurrency: 3 }) });
    expect((await control(sandbox, 'users', { token: 'token-d' })).status).toBe(400);
    expect((await control(sandbox, 'users', { token: 'token-e', concurrency: 0 })).status).toBe(400);
    const d = await session('token-d');
    expect(d.userId).toBe('1200000000000000777');
    const state = (await (await fetch(`${sandbox.url}/_sandbox/state`)).json()) as { users: Array<{ token: string }> };
    expect(state.users.map((u) => u.token)).toEqual(['token-a', 'token-b', 'token-c', 'token-d']);
  });

  it('sends each account only its own INTERACTION_* and ephemeral replies, and shows public messages to all', async () => {
    const [a, b] = [await session('token-a'), await session('token-b')];
    const bot = await RawGateway.open(sandbox.gatewayUrl);
    identifyBot(bot, sandbox);
    await bot.dispatch('GUILD_CREATE');
    const refused = await b.imagine(sandbox, 'a fox sandbox:banned_prompt');
    await b.embedReply(refused.nonce);
    const ok = await b.imagine(sandbox, 'a public fox');
    await a.next('MESSAGE_CREATE', (d) => d.content.startsWith('**a public fox**') && d.attachments.length > 0);
    await bot.dispatch('MESSAGE_CREATE', (d) => d.content.startsWith('**a public fox**') && d.attachments.length > 0);
    expect(b.dispatches('INTERACTION_SUCCESS').map((f) => f.d.nonce)).toEqual([refused.nonce, ok.nonce]);
    expect(a.dispatches().filter((f) => f.t?.startsWith('INTERACTION_') || f.d.flags & 64)).toEqual([]);
    expect(bot.frames.filter((f) => f.op === 0 && f.d?.flags & 64)).toEqual([]);
    bot.close();
  });

  it('gives each account its own job slots, and measures jobs in flight per account', async () => {
    // Slow enough that all five jobs overlap even on a loaded machine: maxRunning counts the overlap.
    sandbox.configure({ speed: { stepMs: 150 } });
    const [a, b] = [await session('token-a'), await session('token-b')];
    const aJobs = await Promise.all([1, 2, 3].map((i) => a.imagine(sandbox, `a job ${i}`)));
    const bJobs = [await b.imagine(sandbox, 'b job 1'), await b.imagine(sandbox, 'b job 2')];
    // b has one slot: its second job is queued, while a runs three at once.
    await b.embedReply(bJobs[1]!.nonce);
    expect(b.dispatches('MESSAGE_CREATE').filter((f) => f.d.embeds[0]?.title === 'Job queued')).toHaveLength(1);
    expect(a.dispatches('MESSAGE_CREATE').some((f) => f.d.embeds[0]?.title === 'Job queued')).toBe(false);
    await eventually(() => (sandbox.state.jobs.running() === 0 && sandbox.state.jobs.snapshot().done === 5 ? true : undefined), 10_000);
    const stats = sandbox.state.jobs.snapshot();
    expect(stats).toMatchObject({ started: 5, done: 5, running: 0, maxRunning: 5 });
    expect(stats.perUser[a.userId]).toMatchObject({ started: 3, maxRunning: 3 });
    expect(stats.perUser[b.userId]).toMatchObject({ started: 2, maxRunning: 2 });
    expect(aJobs.every((j) => j.status === 204)).toBe(true);
    // b's slot: its first result comes before its second job leaves "Waiting to start".
    const bResults = b.dispatches('MESSAGE_CREATE').filter((f) => f.d.content.startsWith('**b job') && f.d.attachments.length > 0);
    const secondStart = b.dispatches('MESSAGE_UPDATE').find((f) => f.d.content.startsWith('**b job 2**'))!;
    expect(bResults[0]!.s).toBeLessThan(secondStart.s!);
  });
});

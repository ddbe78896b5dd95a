import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../src/index.js';
import { eventually, identifyBot, RawGateway } from './helpers.js';
import { control, UserSession } from './user-session.js';

const RED = 16711680;
const YELLOW = 16776960;

describe('Midjourney errors on demand (§5.1)', () => {
  let sandbox: Sandbox;
  let user: UserSession;
  let bot: RawGateway;
  const resultFor = (prompt: string) => user.next('MESSAGE_CREATE', (d) => d.content.startsWith(`**${prompt}**`) && d.attachments.length > 0);

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 'instant' });
    user = await UserSession.open(sandbox);
    bot = await RawGateway.open(sandbox.gatewayUrl);
    identifyBot(bot, sandbox);
    await bot.dispatch('GUILD_CREATE');
  });
  afterEach(async () => {
    await control(sandbox, 'reset');
    user.gw.frames.length = 0;
  });
  afterAll(async () => {
    user.close();
    bot.close();
    await sandbox.stop();
  });

  const cases: Array<[string, string]> = [
    ['banned_prompt', 'Banned prompt detected'],
    ['invalid_parameter', 'Invalid parameter'],
    ['invalid_link', 'Invalid link'],
    ['queue_full', 'Queue full'],
    ['action_needed', 'Action needed to continue'],
    ['credits_exhausted', 'Credits exhausted'],
    ['subscription_required', 'Subscription required'],
    ['blocked', 'Blocked'],
  ];
  it.each(cases)('sandbox:%s in the prompt answers a red "%s" embed, ephemeral, to the invoker only', async (kind, title) => {
    const prompt = `a fox sandbox:${kind}`;
    const { status, nonce } = await user.imagine(sandbox, prompt);
    expect(status).toBe(204);
    const success = await user.next('INTERACTION_SUCCESS', (d) => d.nonce === nonce);
    const reply = await user.embedReply(nonce);
    expect(reply.d).toMatchObject({
      type: 20,
      flags: 64,
      content: '',
      nonce,
      author: { id: sandbox.applicationId },
      embeds: [{ title, color: RED, description: expect.any(String), footer: { text: `/imagine ${prompt}` } }],
      interaction: { id: success.d.id, name: 'imagine', user: { id: sandbox.userId } },
      interaction_metadata: { id: success.d.id, user: { id: sandbox.userId }, authorizing_integration_owners: { '0': sandbox.guildId } },
    });
    if (kind === 'action_needed') {
      expect(reply.d.components[0].components[0]).toMatchObject({ type: 2, label: 'Appeal', custom_id: expect.stringMatching(/^MJ::Prompts::Appeal::\w+$/) });
    }
    if (kind === 'blocked') expect(reply.d.embeds[0].description).toMatch(/^You have been blocked from accessing Midjourney/);
    // No job follows: the one job ended with the error and none runs; then every dispatch the
    // sandbox sent either socket has arrived (a heartbeat round trip), and there is nothing more.
    expect(sandbox.state.jobs.snapshot()).toMatchObject({ started: 1, errors: 1, running: 0 });
    await Promise.all([user.flush(), bot.flush()]);
    expect(user.dispatches('MESSAGE_CREATE')).toHaveLength(1);
    expect(bot.frames.filter((f) => f.op === 0 && f.t?.startsWith('MESSAGE_'))).toEqual([]);
  });

  it('sandbox:job_queued answers a yellow "Job queued", then runs the job normally', async () => {
    const { nonce } = await user.imagine(sandbox, 'a patient fox sandbox:job_queued');
    const notice = await user.embedReply(nonce);
    expect(notice.d).toMatchObject({ flags: 64, embeds: [{ title: 'Job queued', color: YELLOW }] });
    const result = await resultFor('a patient fox sandbox:job_queued');
    expect(result.s).toBeGreaterThan(notice.s!);
  });

  it('sandbox:moderated_after_start shows progress, then deletes it with no result (§4.2 step 5)', async () => {
    const { nonce } = await user.imagine(sandbox, 'a risky fox sandbox:moderated_after_start');
    const waiting = await user.next('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(waiting.d).toMatchObject({ flags: 0, content: expect.stringMatching(/\(Waiting to start\)$/) });
    const updates = [await user.next('MESSAGE_UPDATE', (d) => d.content.endsWith('(0%) (fast)'))];
    updates.push(await user.next('MESSAGE_UPDATE', (d) => d.content.endsWith('(31%) (fast)')));
    const deleted = await user.next('MESSAGE_DELETE', (d) => d.id === waiting.d.id);
    expect(updates.every((u) => u.d.id === waiting.d.id && u.s! < deleted.s!)).toBe(true);
    await bot.dispatch('MESSAGE_DELETE', (d) => d.id === waiting.d.id);
    // The job is over (the deletion was its end) and everything it sent has arrived: no result.
    await eventually(() => (sandbox.state.jobs.snapshot().running === 0 ? true : undefined));
    expect(sandbox.state.jobs.snapshot()).toMatchObject({ started: 1, done: 1 });
    await user.flush();
    expect(user.dispatches('MESSAGE_CREATE')).toHaveLength(1);
  });

  it('refuses unknown --parameters with "Invalid parameter", and runs known ones', async () => {
    const { nonce } = await user.imagine(sandbox, 'a fox --ar 3:2 --sparkle 5');
    const reply = await user.embedReply(nonce);
    expect(reply.d.embeds[0]).toMatchObject({ title: 'Invalid parameter', description: expect.stringContaining('`--sparkle`') });
    await user.imagine(sandbox, 'a fox --ar 3:2 --v 6.1 --no snow --s 250');
    await resultFor('a fox --ar 3:2 --v 6.1 --no snow --s 250');
  });

  it('shows the mode a prompt asks for: --relax, --turbo, --fast', async () => {
    for (const [flag, mode] of [['--relax', 'relaxed'], ['--turbo', 'turbo'], ['--fast', 'fast']]) {
      const prompt = `a ${mode} fox ${flag}`;
      await user.imagine(sandbox, prompt);
      const result = await resultFor(prompt);
      expect(result.d.content).toBe(`**${prompt}** - <@${sandbox.userId}> (${mode})`);
      expect(user.dispatches('MESSAGE_UPDATE').some((f) => f.d.content.endsWith(`(31%) (${mode})`))).toBe(true);
    }
  });

  it('answers every job of a user out of fast hours with "Credits exhausted", except relax jobs', async () => {
    sandbox.setUserState(sandbox.userId, { outOfFastHours: true });
    const fast = await user.imagine(sandbox, 'a fast fox');
    expect((await user.embedReply(fast.nonce)).d.embeds[0].title).toBe('Credits exhausted');
    await user.imagine(sandbox, 'a slow fox --relax');
    expect((await resultFor('a slow fox --relax')).d.content).toMatch(/\(relaxed\)$/);
    await control(sandbox, 'users/state', { userId: sandbox.userId, mode: 'relax' });
    await user.imagine(sandbox, 'a relaxed account fox');
    expect((await resultFor('a relaxed account fox')).d.content).toMatch(/\(relaxed\)$/);
  });

  it('answers a blocked user "Blocked" and a user in captcha "Action needed to continue"', async () => {
    const bad = await control(sandbox, 'users/state', { userId: sandbox.userId, blocked: 'yes' });
    expect(bad.status).toBe(400);
    await control(sandbox, 'users/state', { userId: sandbox.userId, blocked: true });
    const blocked = await user.imagine(sandbox, 'a fox');
    expect((await user.embedReply(blocked.nonce)).d.embeds[0].title).toBe('Blocked');
    sandbox.setUserState(sandbox.userId, { blocked: false, captcha: true });
    const captcha = await user.imagine(sandbox, 'a fox');
    const reply = await user.embedReply(captcha.nonce);
    expect(reply.d.embeds[0]).toMatchObject({ title: 'Action needed to continue', description: expect.stringContaining("verify you're human") });
    expect((await control(sandbox, 'users/state', { userId: '42', captcha: false })).status).toBe(404);
  });

  it('queues 10 jobs beyond the 3 running, and refuses the next with "Queue full"', async () => {
    sandbox.configure({ speed: { stepMs: 10_000 } });
    const sent = [];
    for (let i = 0; i < 14; i++) sent.push(await user.imagine(sandbox, `queue ${i}`));
    const queuedNotices = await Promise.all(sent.slice(3, 13).map((j) => user.embedReply(j.nonce)));
    expect(queuedNotices.map((n) => n.d.embeds[0].title)).toEqual(Array(10).fill('Job queued'));
    expect((await user.embedReply(sent[13]!.nonce)).d.embeds[0]).toMatchObject({ title: 'Queue full', color: RED });
    expect(sandbox.state.jobs.snapshot()).toMatchObject({ started: 14, running: 13, maxRunning: 14, errors: 1 });
  });

  it('drops jobs silently: sandbox:silent and silentJobs.dropNextJobs, without holding a slot', async () => {
    sandbox.configure({ faults: { silentJobs: { dropNextJobs: 3 } } });
    const dropped = [];
    for (let i = 0; i < 3; i++) dropped.push(await user.imagine(sandbox, `lost ${i}`));
    const keyword = await user.imagine(sandbox, 'lost too sandbox:silent');
    for (const j of [...dropped, keyword]) await user.next('INTERACTION_SUCCESS', (d) => d.nonce === j.nonce);
    const kept = await user.imagine(sandbox, 'kept');
    await resultFor('kept');
    const withNonce = user.dispatches('MESSAGE_CREATE').filter((f) => f.d.nonce !== undefined);
    expect(withNonce.map((f) => f.d.nonce)).toEqual([kept.nonce]); // no "Job queued" either: no slot was held
    expect(sandbox.state.jobs.snapshot()).toMatchObject({ started: 5, silent: 4, done: 1 });
    expect(sandbox.state.snapshot().faults).not.toHaveProperty('silentJobs');
  });
});

import { describe, expect, it } from 'vitest';
import { type DiscordMessage, type Sandbox } from '../src/index.js';
import { gridCases, upscaleCases, type Case } from './action-cases.js';
import { click, customIds, downloadImage, errorBody, grid, jobIdOf, replyTo } from './action-helpers.js';
import { identifyUser, RawGateway, withSandboxAndUser } from './helpers.js';

/** Today's shapes by default (§4.8); a prompt asking for an older model gets the 2023–2025 ones (§4.2–§4.4). */
describe.each(['v7', 'v6'] as const)('Midjourney buttons (%s)', (era) => {
  let sandbox: Sandbox;
  let user: RawGateway;
  const mention = () => `<@${sandbox.userId}>`;
  const version = era === 'v6' ? ' --v 6' : '';

  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  /** Clicks, then checks content, reference, buttons, image and the job's first and progress messages. */
  async function check(parent: DiscordMessage, c: Case): Promise<DiscordMessage> {
    const prompt = /^\*\*(.*)\*\* - /.exec(parent.content)![1]!;
    const { res, nonce } = await click(sandbox, parent, c.customId(jobIdOf(parent)));
    expect(res.status).toBe(204);
    const result = await replyTo(sandbox, parent.id);
    const h2 = jobIdOf(result);
    const grid = era === 'v7' && !c.single;
    const note = grid ? `[(Open on website for full quality)](<https://midjourney.com/jobs/${h2}>) ` : '';
    expect(result.content).toBe(`**${prompt}** - ${c.tail.replace('{u}', mention()).replace('{note}', note)}`);
    expect(result).toMatchObject({
      type: 19,
      message_reference: { message_id: parent.id, channel_id: sandbox.channelId, guild_id: sandbox.guildId },
      referenced_message: { id: parent.id, content: parent.content },
      interaction_metadata: { type: 3, interacted_message_id: parent.id, user: { id: sandbox.userId } },
      mentions: [expect.objectContaining({ id: sandbox.userId })],
    });
    expect(h2).not.toBe(jobIdOf(parent));
    expect(result.attachments[0]!.filename).toMatch(new RegExp(`^driver_\\w+_${h2}\\.${grid ? 'webp' : 'png'}$`));
    expect(customIds(result)).toEqual(c.buttons(h2));

    const image = await downloadImage(result.attachments[0]!.url, grid ? 'image/webp' : 'image/png');
    expect([image.width, image.height]).toEqual(c.size);
    const parentImage = await downloadImage(parent.attachments[0]!.url);
    expect(Buffer.from(image.data).equals(Buffer.from(parentImage.data))).toBe(false);
    c.pixels?.(image, parentImage);

    const first = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    const cancel = era === 'v7' ? [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel Job', custom_id: `MJ::CancelJob::ByJobid::${h2}` }] }] : [];
    if (c.working === undefined && era === 'v6') {
      expect(first.d.id).toBe(result.id);
      return result;
    }
    // Today the first message is an acknowledgement, or reads like an imagine's (§4.8).
    const waiting = era === 'v7' ? `${c.acknowledgement ?? ''}**${prompt}** - ${mention()}` : `**${prompt}** - ${c.working}${mention()}`;
    expect(first.d).toMatchObject({ type: 19, content: `${waiting} (Waiting to start)`, message_reference: { message_id: parent.id }, components: cancel });
    expect(result.nonce).toBeUndefined();
    const updates = user.frames.filter((f) => f.t === 'MESSAGE_UPDATE' && f.d.id === first.d.id).map((f) => f.d);
    const head = `**${prompt}** - ${c.working}${mention()}`;
    expect(updates.map((d) => d.content)).toEqual(c.working === undefined ? [] : ['0', '31', '62', '93'].map((p) => `${head} (${p}%) (fast)`));
    for (const update of updates) expect(update.components).toEqual(cancel);
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === first.d.id);
    return result;
  }

  it.each(gridCases(era))('$name on a grid', async (c) => {
    await check(await grid(sandbox, `a lighthouse at dusk ${c.name}${version}`), c);
  });

  it.each(upscaleCases(era))('$name on an upscaled image', async (c) => {
    const parent = await grid(sandbox, `a fox in snow ${c.name}${version}`);
    const upscaled = await check(parent, gridCases(era)[0]!);
    await check(upscaled, c);
  });

  it('refuses buttons that are not on the message, and unknown messages, the way Discord does', async () => {
    const parent = await grid(sandbox, `three cats${version}`);
    const h = jobIdOf(parent);
    await click(sandbox, parent, `MJ::JOB::upsample::1::${h}`);
    const upscaled = await replyTo(sandbox, parent.id);
    const h2 = jobIdOf(upscaled);
    await click(sandbox, upscaled, `MJ::JOB::upsample_${era}_2x_subtle::1::${h2}::SOLO`);
    const twice = await replyTo(sandbox, upscaled.id);
    const invalid = { status: 400, code: 50035, inner: 'COMPONENT_VALIDATION_FAILED' };
    const cases: Array<[string, { id: string }, string, object]> = [
      ['U on an upscale', upscaled, `MJ::JOB::upsample::1::${h2}`, invalid],
      ['U5 on a grid', parent, `MJ::JOB::upsample::5::${h}`, invalid],
      ["another job's button", parent, `MJ::JOB::variation::1::${h2}`, invalid],
      ['Upscale (Subtle) on a 2x upscale', twice, `MJ::JOB::upsample_${era}_2x_subtle::1::${jobIdOf(twice)}::SOLO`, invalid],
      ['an unknown message', { id: '1300000000000000999' }, `MJ::JOB::upsample::1::${h}`, { status: 404, code: 10008 }],
    ];
    for (const [name, message, customId, expected] of cases) {
      expect(await errorBody((await click(sandbox, message, customId)).res), name).toEqual(expected);
    }
  });

  it('gives every timed job a slot of the account, but U1–U4 need none', async () => {
    const parent = await grid(sandbox, `busy account${version}`);
    const h = jobIdOf(parent);
    // Slow steps hold the three slots (a variation job is several steps long) well beyond the
    // instant upscale; then instant again, so the held jobs end after their current step.
    sandbox.configure({ speed: { stepMs: 3_000 } });
    const clicks = await Promise.all([1, 2, 3, 4].map((n) => click(sandbox, parent, `MJ::JOB::variation::${n}::${h}`)));
    const fourth = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === clicks[3]!.nonce && d.embeds.length === 0);
    const { nonce } = await click(sandbox, parent, `MJ::JOB::upsample::2::${h}`);
    await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    const upscale = await replyTo(sandbox, parent.id, (m) => m.content.includes('Image #2'));
    // The 4th variation is still waiting for a slot when the instant upscale is already there.
    expect(user.frames.some((f) => f.t === 'MESSAGE_UPDATE' && f.d.id === fourth.d.id)).toBe(false);
    expect(upscale.content).toContain('Image #2');
    sandbox.configure({ speed: 'instant' });
    const firstDone = await user.dispatch('MESSAGE_DELETE', (d) => d.id !== upscale.id && !isAcknowledgement(d.id));
    const fourthStarted = await user.dispatch('MESSAGE_UPDATE', (d) => d.id === fourth.d.id);
    expect(firstDone.s).toBeLessThan(fourthStarted.s!);
    await user.dispatch('MESSAGE_DELETE', (d) => d.id === fourth.d.id);
  });

  /** The U2 acknowledgement also goes once its image is there: not a job of a slot. */
  const isAcknowledgement = (id: string) => sandbox.state.messages.get(id)?.message.content.startsWith('Upscaling image #') ?? false;

  // Only today's images have a ❤️ button.
  if (era === 'v7') it('answers ❤️ with the rating reply of today (§4.8), no job', async () => {
    const parent = await grid(sandbox, 'a rated fox');
    await click(sandbox, parent, `MJ::JOB::upsample::1::${jobIdOf(parent)}`);
    const upscaled = await replyTo(sandbox, parent.id);
    const { res, nonce } = await click(sandbox, upscaled, `MJ::BOOKMARK::${jobIdOf(upscaled)}`);
    expect(res.status).toBe(204);
    const rated = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(rated.d).toMatchObject({
      type: 19,
      content: `You have successfully rated [this job](https://discord.com/channels/${sandbox.guildId}/${sandbox.channelId}/${upscaled.id}) with 😍`,
      message_reference: { message_id: upscaled.id },
      attachments: [],
      components: [],
    });
  });
});

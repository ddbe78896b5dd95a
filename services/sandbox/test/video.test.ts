import { describe, expect, it } from 'vitest';
import type { DiscordMessage, Sandbox } from '../src/index.js';
import { click, customIds, grid, jobIdOf, replyTo, submitModal } from './action-helpers.js';
import { eventually, imagine, type RawGateway, userHeaders, withSandboxAndUser } from './helpers.js';

const UUID = '[0-9a-f-]{36}';

/**
 * Video (§4.8): Animate on an upscaled image answers "Animating...", edited in place into progress
 * with step frames, then the finished video — animated WebP preview, four mp4 clips,
 * video_virtual_upscale buttons; a clip offers Extend, which asks for a prompt (AnimateModal).
 */
describe('video jobs', () => {
  let sandbox: Sandbox;
  let user: RawGateway;
  withSandboxAndUser((s, u) => {
    sandbox = s;
    user = u;
  });

  const bytes = async (url: string) => Buffer.from(await (await fetch(url)).arrayBuffer());
  const videoOf = (parentId: string) => replyTo(sandbox, parentId, (m) => customIds(m).some((id) => id.startsWith('MJ::JOB::video_virtual_upscale::')));

  async function upscaled(prompt: string): Promise<DiscordMessage> {
    const parent = await grid(sandbox, prompt);
    await click(sandbox, parent, `MJ::JOB::upsample::1::${jobIdOf(parent)}`);
    return replyTo(sandbox, parent.id, (m) => m.content.includes('Image #1'));
  }

  it('Animate (Low motion): "Animating..." becomes the progress with step frames, then the video with mp4 clips', async () => {
    const image = await upscaled('a lighthouse at dusk');
    const { res, nonce } = await click(sandbox, image, `MJ::JOB::animate_low::1::${jobIdOf(image)}::SOLO`);
    expect(res.status).toBe(204);
    const ack = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === nonce);
    expect(ack.d).toMatchObject({ content: 'Animating...', type: 19, message_reference: { message_id: image.id }, components: [] });

    const video = await videoOf(image.id);
    const mention = `<@${sandbox.userId}>`;
    const prompt = 'a lighthouse at dusk --motion low --video 1';
    const step = user.frames.find((f) => f.t === 'MESSAGE_UPDATE' && f.d.id === ack.d.id && f.d.attachments?.length === 4);
    expect(step?.d.content).toMatch(new RegExp(`^\\*\\*${prompt}\\*\\* - ${mention} \\(\\d+%\\) \\(fast\\)$`));
    expect(step?.d.attachments.map((a: { filename: string }) => a.filename)).toEqual([0, 1, 2, 3].map((c) => expect.stringMatching(new RegExp(`^${UUID}_${c}_step_0\\.jpeg$`))));

    const jobId = /_([0-9a-f-]{36})\.webp$/.exec(video.attachments[0]!.filename)![1]!;
    expect(video.content).toBe(`**${prompt}** - ${mention} [(Open on website for full quality)](<https://midjourney.com/jobs/${jobId}>) (fast)`);
    expect(video.attachments.map((a) => a.content_type)).toEqual(['image/webp', 'video/mp4', 'video/mp4', 'video/mp4', 'video/mp4']);
    expect(customIds(video)).toEqual([1, 2, 3, 4].map((n) => `MJ::JOB::video_virtual_upscale::${n}::${jobId}`).concat(`MJ::JOB::reroll::0::${jobId}::SOLO`));
    const mp4 = await bytes(video.attachments[1]!.url);
    expect(mp4.toString('latin1', 4, 8)).toBe('ftyp');
    expect((await bytes(video.attachments[0]!.url)).toString('latin1', 12, 16)).toBe('VP8X');
    // The acknowledgement was the progress message: gone once the video is there.
    await eventually(() => (sandbox.state.messages.all().find((m) => m.message.id === ack.d.id)?.deleted ? true : undefined));
  });

  it('a clip (video_virtual_upscale) offers Extend, whose AnimateModal submit makes a new video from it', async () => {
    const image = await upscaled('a paper kite');
    await click(sandbox, image, `MJ::JOB::animate_high::1::${jobIdOf(image)}::SOLO`);
    const video = await videoOf(image.id);
    const jobId = /_([0-9a-f-]{36})\.webp$/.exec(video.attachments[0]!.filename)![1]!;

    await click(sandbox, video, `MJ::JOB::video_virtual_upscale::2::${jobId}`);
    const clip = await replyTo(sandbox, video.id, (m) => m.content.includes('Video #2'));
    expect(clip.content).toBe(`**a paper kite --motion high --video 1** - Video #2 <@${sandbox.userId}>`);
    expect(clip.attachments).toEqual([expect.objectContaining({ content_type: 'video/mp4', filename: expect.stringMatching(/\.mp4$/) })]);
    expect(await bytes(clip.attachments[0]!.url)).toEqual(await bytes(video.attachments[2]!.url));
    const clipJob = /_([0-9a-f-]{36})\.mp4$/.exec(clip.attachments[0]!.filename)![1]!;
    expect(customIds(clip).slice(0, 2)).toEqual([`MJ::JOB::animate_high_extend::1::${clipJob}`, `MJ::JOB::animate_low_extend::1::${clipJob}`]);

    const { nonce } = await click(sandbox, clip, `MJ::JOB::animate_low_extend::1::${clipJob}`);
    const modal = await user.dispatch('INTERACTION_MODAL_CREATE', (d) => d.nonce === nonce);
    expect(modal.d.custom_id).toBe(`MJ::AnimateModal::${clipJob}::1::low::1`);
    const input = modal.d.components[0].components[0];
    expect(input).toMatchObject({ custom_id: 'MJ::AnimateModal::prompt', value: 'a paper kite' });
    const submit = await submitModal(sandbox, modal.d.id, modal.d.custom_id, input.custom_id, 'a paper kite flying away');
    const ack = await user.dispatch('MESSAGE_CREATE', (d) => d.nonce === submit.nonce);
    expect(ack.d.content).toBe(`Creating video with prompt **a paper kite flying away --motion low --video 1** - <@${sandbox.userId}> (Waiting to start)`);
    expect(customIds(ack.d as DiscordMessage)[0]).toMatch(/^MJ::CancelJob::ByJobid::/);
    const extended = await videoOf(clip.id);
    expect(extended.content).toMatch(/^\*\*a paper kite flying away --motion low --video 1\*\* - /);
  });

  it('/imagine with --video 1 is a video job from its first message', async () => {
    const prompt = 'waves on a beach --video 1 --motion high';
    expect((await imagine(sandbox, prompt)).status).toBe(204);
    const waiting = await user.dispatch('MESSAGE_CREATE', (d) => d.content?.startsWith(`**${prompt}**`));
    expect(waiting.d.content).toBe(`**${prompt}** - <@${sandbox.userId}> (Waiting to start)`);
    const video = await eventually(() =>
      sandbox.state.messages.all().find((m) => !m.deleted && m.message.content.startsWith(`**${prompt}**`) && m.message.attachments.length === 5)?.message,
    );
    expect(customIds(video)[0]).toMatch(/^MJ::JOB::video_virtual_upscale::1::/);
  });

  it('✉️ on a result: 204, then Midjourney DMs the reacting user the job id and seed', async () => {
    const parent = await grid(sandbox, 'a quiet harbour');
    const react = (emoji: string, messageId = parent.id) =>
      fetch(`${sandbox.apiBase}/v9/channels/${sandbox.channelId}/messages/${messageId}/reactions/${emoji}/@me`, { method: 'PUT', headers: userHeaders(sandbox) });
    expect((await react('%E2%9C%89%EF%B8%8F')).status).toBe(204);
    const dm = await user.dispatch('MESSAGE_CREATE', (d) => d.guild_id === undefined && d.author?.id === sandbox.applicationId);
    const jobId = jobIdOf(parent);
    expect(dm.d.content).toMatch(new RegExp(`^\\*\\*a quiet harbour\\*\\*\\n\\*\\*Job ID\\*\\*: ${jobId}\\n\\*\\*seed\\*\\* \\d+$`));
    expect(dm.d.channel_id).not.toBe(sandbox.channelId);
    // Another emoji is a reaction and nothing more; an unknown message is 10008.
    expect((await react('%F0%9F%91%8D')).status).toBe(204);
    expect((await react('%E2%9C%89%EF%B8%8F', '1300000000000000999')).status).toBe(404);
  });
});

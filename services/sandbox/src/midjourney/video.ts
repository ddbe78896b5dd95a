import { randomUUID } from 'node:crypto';
import type { ActionRow, Button, DiscordMessage } from '../discord-types.js';
import { renderGrid } from '../images/grid-render.js';
import type { Raster } from '../images/raster.js';
import type { AcceptedInteraction, ComponentInteraction } from '../interaction.js';
import { clipFrames, type Motion } from '../video/clip-frames.js';
import { lastFrame, storeClip, storeGridPreview, storeStepFrame } from '../video/video-files.js';
import type { ActionContext } from './action.js';
import { cancelJobRow, jobUrl, websiteNote } from './era.js';
import { midjourneyMessage, replyTo } from './mj-messages.js';
import { messageImage, promptOf } from './parent.js';
import { promptSlug } from './prompt.js';

/** Progress of a video job; the capture shows (35%) with step frames (§4.8). */
const PROGRESS = [0, 35, 70];
const CLIPS = [0, 1, 2, 3];

export interface VideoPlan {
  /** The bold prompt, with its `--motion` and `--video` parameters. */
  prompt: string;
  motion: Motion;
  source: Raster;
  /** The message whose button started the job (animate, extend); none for an /imagine. */
  parent?: DiscordMessage;
  /** How the job's first message reads: `animate` a bare "Animating..." (verified), `create` "Creating video with prompt" (reported). */
  opening: 'animate' | 'create' | 'imagine';
}

/** `--motion low|high` of a prompt; low when absent, as Midjourney's default. */
export function motionOf(prompt: string): Motion {
  return /(?:^|\s)--motion\s+high(?:\s|$)/.test(prompt) ? 'high' : 'low';
}

/** The prompt a video job shows: the image's prompt with the video parameters appended once (§4.8). */
export function videoPrompt(prompt: string, motion: Motion): string {
  const bare = prompt.replace(/\s--(?:motion|video)\s+\S+/g, '').trim();
  return `${bare} --motion ${motion} --video 1`;
}

/**
 * A video job (§4.8): the first message (edited in place into the progress, as the capture shows
 * for Animate), progress with four `<job id>_<clip>_step_<n>.jpeg` frames, then the finished video:
 * an animated `.webp` preview of the four clips, the four clips as mp4 files (where Midjourney puts
 * them is unverified), `video_virtual_upscale::1–4`, 🔄 and the website note.
 */
export async function runVideoJob(ctx: ActionContext, ix: AcceptedInteraction, plan: VideoPlan): Promise<void> {
  const jobId = randomUUID();
  const mention = `<@${ix.user.id}>`;
  const mode = `(${ix.mode ?? 'fast'})`;
  const thread = plan.parent ? replyTo(plan.parent) : { type: 20 };
  const first =
    plan.opening === 'animate'
      ? 'Animating...'
      : `${plan.opening === 'create' ? 'Creating video with prompt ' : ''}**${plan.prompt}** - ${mention} (Waiting to start)`;
  const cancel = plan.opening === 'create' ? cancelJobRow(jobId) : [];
  const progress = ctx.feed.create(midjourneyMessage(ctx, ix, { ...thread, nonce: ix.nonce, content: first, mentions: [ix.user], components: cancel }));
  const release = await ctx.slots.acquire(ix.user.id, ctx.signal);
  try {
    const clips = CLIPS.map((c) => clipFrames(plan.source, plan.motion, `${plan.prompt}\n${jobId}#${c}`));
    for (const [step, percent] of PROGRESS.entries()) {
      await ctx.step();
      const frameAt = Math.floor((step / PROGRESS.length) * (clips[0]!.length - 1));
      const attachments = step === 0 ? [] : clips.map((frames, c) => storeStepFrame(ctx, ix, jobId, c, step - 1, frames[frameAt]!));
      ctx.feed.edit(progress.id, { content: `**${plan.prompt}** - ${mention} (${percent}%) ${mode}`, attachments, components: cancel });
    }
    await ctx.step();
    const base = `${ix.user.username}_${promptSlug(plan.prompt)}_${jobId}`;
    const preview = storeGridPreview(ctx, ix, `${base}.webp`, clips);
    const files = clips.map((frames, c) => storeClip(ctx, ix, `${base}_${c + 1}.mp4`, frames));
    ctx.feed.create(
      midjourneyMessage(ctx, ix, {
        ...(plan.parent ? replyTo(plan.parent) : {}),
        content: `**${plan.prompt}** - ${mention} ${websiteNote(jobId)}${mode}`,
        mentions: [ix.user],
        attachments: [preview, ...files],
        components: videoGridComponents(jobId),
      }),
    );
    ctx.feed.delete(progress.id);
  } finally {
    release();
  }
}

/** Animate (High|Low motion) on an upscaled image: the image is the start frame. */
export function animate(ctx: ActionContext, ix: ComponentInteraction, motion: Motion): Promise<void> {
  // An upscale is a single image: the whole of it is the start frame; a stand-in once files are reset.
  const source = messageImage(ctx, ix.message) ?? renderGrid(`${promptOf(ix.message)}\n${ix.message.id}`, 512);
  return runVideoJob(ctx, ix, { prompt: videoPrompt(promptOf(ix.message), motion), motion, source, parent: ix.message, opening: 'animate' });
}

/**
 * `/imagine … --video 1`: the start frame would be the prompt's leading image; the sandbox draws
 * one from the prompt instead (it does not download prompt images).
 */
export function imagineVideo(ctx: ActionContext, ix: AcceptedInteraction, prompt: string): Promise<void> {
  const source = renderGrid(`${prompt}\nstart`, 512);
  return runVideoJob(ctx, ix, { prompt, motion: motionOf(prompt), source, opening: 'imagine' });
}

/** Extend (after its modal): a new video starting at the clip's last frame. */
export function extendVideo(ctx: ActionContext, ix: AcceptedInteraction, clip: DiscordMessage, motion: Motion, prompt: string): Promise<void> {
  const mp4 = clip.attachments.find((a) => a.filename.endsWith('.mp4'));
  const file = mp4 && ctx.attachments.find(clip.channel_id, mp4.id, mp4.filename);
  const source = (file && lastFrame(file.bytes)) ?? renderGrid(`${promptOf(clip)}\n${clip.id}`, 512);
  return runVideoJob(ctx, ix, { prompt: videoPrompt(prompt || promptOf(clip), motion), motion, source, parent: clip, opening: 'create' });
}

/**
 * `video_virtual_upscale::n` (§4.8, shape of the answer unverified): clip n on its own, like U1–U4
 * for images — no job, a reply with the mp4 and the Extend buttons under a new job id.
 */
export async function videoUpscale(ctx: ActionContext, ix: ComponentInteraction, index: number): Promise<void> {
  const grid = ix.message;
  const clip = grid.attachments.find((a) => a.filename.endsWith(`_${index}.mp4`));
  const file = clip && ctx.attachments.find(grid.channel_id, clip.id, clip.filename);
  const prompt = promptOf(grid);
  const jobId = randomUUID();
  const attachments = file
    ? [ctx.attachments.put({ channelId: ix.channelId, filename: `${ix.user.username}_${promptSlug(prompt)}_${jobId}.mp4`, contentType: 'video/mp4', bytes: file.bytes, width: clip.width, height: clip.height })]
    : [];
  ctx.feed.create(
    midjourneyMessage(ctx, ix, {
      ...replyTo(grid),
      nonce: ix.nonce,
      content: `**${prompt}** - Video #${index} <@${ix.user.id}>`,
      mentions: [ix.user],
      attachments,
      components: clipComponents(jobId),
    }),
  );
}

const button = (label: string, customId: string): Button => ({ type: 2, style: 2, label, custom_id: customId });

export function videoGridComponents(jobId: string): ActionRow[] {
  return [
    {
      type: 1,
      components: [
        ...[1, 2, 3, 4].map((n) => button(`U${n}`, `MJ::JOB::video_virtual_upscale::${n}::${jobId}`)),
        { type: 2, style: 2, emoji: { name: '🔄' }, custom_id: `MJ::JOB::reroll::0::${jobId}::SOLO` },
      ],
    },
  ];
}

/** A single clip: Extend (High|Low motion) (§3.3 `animate_*_extend`) and the job's page. */
export function clipComponents(jobId: string): ActionRow[] {
  return [
    {
      type: 1,
      components: [
        button('Extend (High motion)', `MJ::JOB::animate_high_extend::1::${jobId}`),
        button('Extend (Low motion)', `MJ::JOB::animate_low_extend::1::${jobId}`),
        { type: 2, style: 5, label: 'Web', url: jobUrl(jobId) },
      ],
    },
  ];
}

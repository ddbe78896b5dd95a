import { randomUUID } from 'node:crypto';
import type { DiscordMessage } from '../discord-types.js';
import { addTexture } from '../images/derive.js';
import { resize } from '../images/resample.js';
import type { ComponentInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { soloComponents } from './buttons.js';
import { cancelJobRow, eraOf } from './era.js';
import { runJob, storeResult } from './job-run.js';
import { midjourneyMessage, replyTo } from './mj-messages.js';
import { promptOf, sourceImage } from './parent.js';

/**
 * U1–U4 (§4.3, §4.4): no progress, no slot — Midjourney only crops. Image #n enlarged twofold,
 * under a new job id, as a type 19 reply to the grid with the solo buttons of that new id. Today
 * (§4.8) an acknowledgement with the nonce and a Cancel Job button comes first, and goes once the
 * image is there, like a progress message; before, the image itself carried the nonce.
 */
export async function upscaleImage(ctx: ActionContext, ix: ComponentInteraction, index: number): Promise<void> {
  const grid = ix.message;
  const prompt = promptOf(grid);
  const era = eraOf(prompt);
  const jobId = randomUUID();
  const mention = `<@${ix.user.id}>`;
  const ack =
    era === 'v7'
      ? ctx.feed.create(
          midjourneyMessage(ctx, ix, {
            ...replyTo(grid),
            nonce: ix.nonce,
            content: `Upscaling image #${index} with **${prompt}** - ${mention} (Waiting to start)`,
            mentions: [ix.user],
            components: cancelJobRow(jobId),
          }),
        )
      : undefined;
  const tile = sourceImage(ctx, grid, index);
  const image = storeResult(ctx, ix, prompt, jobId, resize(tile, tile.width * 2, tile.height * 2));
  ctx.feed.create(
    midjourneyMessage(ctx, ix, {
      ...replyTo(grid),
      ...(ack ? {} : { nonce: ix.nonce }),
      content: `**${prompt}** - Image #${index} ${mention}`,
      mentions: [ix.user],
      attachments: [image],
      components: soloComponents(jobId, { era }),
    }),
  );
  if (ack) ctx.feed.delete(ack.id);
}

export type UpscaleKind = 'subtle' | 'creative';

/**
 * Upscale (Subtle|Creative) on an upscaled image (§4.3): a timed job, "Upscaling by" while it
 * runs, a single image twice the size; Creative adds grain so the two differ. The result keeps
 * the other solo rows but cannot be upscaled again. Today's result no longer names the variant
 * (`Upscaled by`, §4.8).
 */
export function upscaleTwice(ctx: ActionContext, ix: ComponentInteraction, parent: DiscordMessage, kind: UpscaleKind): Promise<void> {
  const prompt = promptOf(parent);
  const label = kind === 'subtle' ? 'Subtle' : 'Creative';
  return runJob(ctx, ix, {
    prompt,
    working: 'Upscaling by ',
    done: eraOf(prompt) === 'v7' ? 'Upscaled by ' : `Upscaled (${label}) by `,
    parent,
    single: true,
    render: (jobId) => {
      const source = sourceImage(ctx, parent, 1);
      const larger = resize(source, source.width * 2, source.height * 2);
      return kind === 'creative' ? addTexture(larger, jobId) : larger;
    },
    components: (jobId, era) => soloComponents(jobId, { era, withUpscale: false }),
  });
}

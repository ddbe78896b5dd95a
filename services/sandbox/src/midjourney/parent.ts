import type { DiscordMessage } from '../discord-types.js';
import { renderGrid } from '../images/grid-render.js';
import { decodeImage } from '../images/decode.js';
import { quadrant } from '../images/resample.js';
import type { Raster } from '../images/raster.js';
import type { ActionContext } from './action.js';

/** §4.7 BOLD, greedy: a prompt may itself contain `**`. */
const BOLD = /^\*\*([\s\S]*)\*\* - /;

/** The prompt of a Midjourney job message, as Midjourney repeats it in every child (§4.6). */
export function promptOf(message: DiscordMessage): string {
  return BOLD.exec(message.content)?.[1] ?? '';
}

/** A 2×2 grid carries U buttons (§4.2 step 4); single images carry `::SOLO` ones. */
export function isGrid(message: DiscordMessage): boolean {
  return message.components.some((row) => row.components.some((c) => c.custom_id?.startsWith('MJ::JOB::upsample::')));
}

/** The pixels of the message's image (a PNG, or one of today's `.webp` grids), read back from the CDN store. */
export function messageImage(ctx: ActionContext, message: DiscordMessage): Raster | undefined {
  const attachment = message.attachments[0];
  const file = attachment && ctx.attachments.find(message.channel_id, attachment.id, attachment.filename);
  return file ? decodeImage(file.bytes) : undefined;
}

/**
 * What a button works on (§3.3): image #index of a grid, or the whole single image. Files vanish on
 * reset while a client may still hold the message, so a stand-in is drawn from the prompt then.
 */
export function sourceImage(ctx: ActionContext, parent: DiscordMessage, index: number): Raster {
  const image = messageImage(ctx, parent) ?? renderGrid(`${promptOf(parent)}\n${parent.id}`, 512);
  return isGrid(parent) ? quadrant(image, index) : image;
}

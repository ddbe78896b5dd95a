import { createHash } from 'node:crypto';
import { storeUpload } from '../cdn/store-upload.js';
import { blend as blendImages } from '../images/derive.js';
import { renderGrid } from '../images/grid-render.js';
import { imageInfo } from '../images/image-size.js';
import { decodeImage } from '../images/decode.js';
import { composeGrid } from '../images/resample.js';
import type { CommandInteraction } from '../interaction.js';
import type { MidjourneyAction } from './action.js';
import { runJob } from './job-run.js';
import { errorMessage, gridComponents } from './mj-messages.js';
import { rewriteImageLinks } from './prompt.js';

const IMAGE_OPTIONS = ['image1', 'image2', 'image3', 'image4', 'image5'];
/** Grid cell size per `dimensions` choice (§3.2); no choice means square. */
const CELLS: Record<string, [number, number]> = { '--ar 2:3': [256, 384], '--ar 1:1': [256, 256], '--ar 3:2': [384, 256] };
const SQUARE = '--ar 1:1';

/**
 * /blend (§3.2, §4.3): 2–5 uploaded images (Discord already refused other counts) mixed into a
 * grid, with the imagine lifecycle. Midjourney re-hosts the images and shows them as short links:
 * `**<https://s.mj.run/a> <https://s.mj.run/b> --ar 1:1** - <@uid> (fast)`. The same image twice is
 * refused with "Duplicate images detected" (§5.1).
 */
export const blend: MidjourneyAction<CommandInteraction> = async (ctx, ix) => {
  const files = IMAGE_OPTIONS.flatMap((name) => ix.files[name] ?? []);
  const digests = files.map((f) => createHash('sha256').update(f.bytes).digest('hex'));
  if (new Set(digests).size < digests.length) {
    ctx.feed.create(errorMessage(ctx, ix, 'Duplicate images detected', 'You can only blend different images. Please try again with distinct images.'));
    return;
  }
  if (files.some((f) => !imageInfo(f.bytes))) {
    ctx.feed.create(errorMessage(ctx, ix, 'Invalid parameter', 'Every file of a blend must be an image (PNG, JPEG, GIF or WebP).'));
    return;
  }
  const dimensions = typeof ix.options.dimensions === 'string' ? ix.options.dimensions : SQUARE;
  const [width, height] = CELLS[dimensions] ?? CELLS[SQUARE]!;
  const links = files.map((f) => storeUpload(ctx.attachments, ix.channelId, f).url);
  // Images the sandbox cannot decode (JPEG, others' WebP) still blend, as a picture drawn from their bytes.
  const pixels = files.map((f, i) => decodeImage(f.bytes) ?? renderGrid(digests[i]!, 256));
  await runJob(ctx, ix, {
    prompt: rewriteImageLinks(`${links.join(' ')} ${dimensions}`),
    working: '',
    done: '',
    render: (jobId) => composeGrid([1, 2, 3, 4].map((q) => blendImages(pixels, width, height, `${jobId}#${q}`))),
    components: gridComponents,
  });
};

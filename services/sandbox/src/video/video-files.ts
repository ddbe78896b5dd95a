import jpeg from 'jpeg-js';
import type { Attachment } from '../discord-types.js';
import type { Raster } from '../images/raster.js';
import { composeGrid } from '../images/resample.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from '../midjourney/action.js';
import { CLIP_FPS, CLIP_SIDE, encodeJpeg } from './clip-frames.js';
import { muxMjpeg } from './mp4-mjpeg.js';
import { encodeAnimatedWebp } from './webp-animated.js';

const FRAME_MS = Math.round(1000 / CLIP_FPS);

/** A progress step frame of clip `clip` (0–3): `<job id>_<clip>_step_<n>.jpeg`, 256² (§4.8). */
export function storeStepFrame(ctx: ActionContext, ix: AcceptedInteraction, jobId: string, clip: number, step: number, frame: Raster): Attachment {
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename: `${jobId}_${clip}_step_${step}.jpeg`,
    contentType: 'image/jpeg',
    bytes: encodeJpeg(frame, 50),
    width: frame.width,
    height: frame.height,
  });
}

/** One clip as a playable mp4 (Motion-JPEG track). */
export function storeClip(ctx: ActionContext, ix: AcceptedInteraction, filename: string, frames: Raster[]): Attachment {
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename,
    contentType: 'video/mp4',
    bytes: muxMjpeg(
      frames.map((f) => encodeJpeg(f)),
      { width: CLIP_SIDE, height: CLIP_SIDE, fps: CLIP_FPS },
    ),
    width: CLIP_SIDE,
    height: CLIP_SIDE,
  });
}

/** The finished video's preview: the four clips playing side by side as a 2×2 animated WebP. */
export function storeGridPreview(ctx: ActionContext, ix: AcceptedInteraction, filename: string, clips: Raster[][]): Attachment {
  const count = clips[0]?.length ?? 0;
  const frames = Array.from({ length: count }, (_, i) => composeGrid(clips.map((c) => c[i]!)));
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename,
    contentType: 'image/webp',
    bytes: encodeAnimatedWebp(frames, FRAME_MS),
    width: frames[0]?.width ?? 0,
    height: frames[0]?.height ?? 0,
  });
}

/**
 * The last frame of an mp4 this sandbox wrote: an extension starts where the clip ends. Entropy-
 * coded JPEG data stuffs every 0xFF with 0x00, so the last start-of-image marker starts the last frame.
 */
export function lastFrame(mp4: Buffer): Raster | undefined {
  const start = mp4.lastIndexOf(Buffer.from([0xff, 0xd8, 0xff]));
  if (start < 0) return undefined;
  try {
    const decoded = jpeg.decode(mp4.subarray(start), { useTArray: true, formatAsRGBA: true });
    return { width: decoded.width, height: decoded.height, data: decoded.data };
  } catch {
    return undefined;
  }
}

import type { Attachment } from '../discord-types.js';
import type { Raster } from '../images/raster.js';
import { composeGrid } from '../images/resample.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from '../midjourney/action.js';
import { CLIP_FPS, CLIP_SIDE, encodeJpeg } from './clip-frames.js';
import { muxMp4, rgb24 } from './mp4-mux.js';
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

/** One clip as a playable mp4: uncompressed frames, since a JPEG per frame costs too much CPU here. */
export function storeClip(ctx: ActionContext, ix: AcceptedInteraction, filename: string, frames: Raster[]): Attachment {
  return ctx.attachments.put({
    channelId: ix.channelId,
    filename,
    contentType: 'video/mp4',
    bytes: muxMp4(
      frames.map((f) => rgb24(f.data)),
      { width: CLIP_SIDE, height: CLIP_SIDE, fps: CLIP_FPS, codec: 'raw ' },
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
 * The last frame of a clip this sandbox wrote (an extension starts where the clip ends): `mdat`
 * comes last and holds whole RGB24 frames, so the last one is the file's tail.
 */
export function lastFrame(mp4: Buffer): Raster | undefined {
  const size = CLIP_SIDE * CLIP_SIDE * 3;
  if (mp4.length < size || mp4.toString('latin1').indexOf('raw ') < 0) return undefined;
  const rgb = mp4.subarray(mp4.length - size);
  const data = new Uint8Array(CLIP_SIDE * CLIP_SIDE * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    data[o] = rgb[i]!;
    data[o + 1] = rgb[i + 1]!;
    data[o + 2] = rgb[i + 2]!;
    data[o + 3] = 255;
  }
  return { width: CLIP_SIDE, height: CLIP_SIDE, data };
}

import jpeg from 'jpeg-js';
import type { Raster } from '../images/raster.js';
import { randomSource } from '../images/grid-render.js';
import { resize } from '../images/resample.js';

export type Motion = 'low' | 'high';

/** Side of every clip frame: small, so a job costs little CPU (the capture's step frames are 256², §4.8). */
export const CLIP_SIDE = 128;
export const CLIP_FPS = 8;
const CLIP_FRAMES = 6;

/**
 * The frames of clip `seed`: a slow camera drift over the start image, wider with high motion,
 * in a direction the seed picks — so four clips of one job differ, and a frame is recognisably
 * the source image.
 */
export function clipFrames(source: Raster, motion: Motion, seed: string): Raster[] {
  const random = randomSource(seed);
  const angle = random() * Math.PI * 2;
  const reach = (motion === 'high' ? 0.2 : 0.06) * CLIP_SIDE;
  const zoomed = resize(source, Math.round(CLIP_SIDE * 1.3), Math.round(CLIP_SIDE * 1.3));
  const centre = (zoomed.width - CLIP_SIDE) / 2;
  return Array.from({ length: CLIP_FRAMES }, (_, i) => {
    const t = i / (CLIP_FRAMES - 1) - 0.5;
    const x = clamp(Math.round(centre + Math.cos(angle) * reach * t), zoomed.width - CLIP_SIDE);
    const y = clamp(Math.round(centre + Math.sin(angle) * reach * t), zoomed.height - CLIP_SIDE);
    return window(zoomed, x, y, CLIP_SIDE);
  });
}

export function encodeJpeg(frame: Raster, quality = 80): Buffer {
  return Buffer.from(jpeg.encode({ data: Buffer.from(frame.data), width: frame.width, height: frame.height }, quality).data);
}

const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));

function window(src: Raster, x: number, y: number, side: number): Raster {
  const data = new Uint8Array(side * side * 4);
  for (let row = 0; row < side; row++) {
    const from = ((y + row) * src.width + x) * 4;
    data.set(src.data.subarray(from, from + side * 4), row * side * 4);
  }
  return { width: side, height: side, data };
}

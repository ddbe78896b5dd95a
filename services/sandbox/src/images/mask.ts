import { imageInfo } from './image-size.js';
import { decodePng } from './png.js';

/** A rectangle in pixels, right and bottom exclusive. */
export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** A mask is what Midjourney's editor draws: a PNG or a WebP (§3.4). */
export function isMaskImage(bytes: Buffer): boolean {
  const type = imageInfo(bytes)?.contentType;
  return type === 'image/png' || type === 'image/webp';
}

/**
 * The box around the mask's area to redraw (white, opaque pixels), scaled to a `width`×`height`
 * image. The whole image when the sandbox cannot read the mask (WebP) or nothing is marked.
 */
export function maskBox(mask: Buffer, width: number, height: number): Box {
  const whole = { left: 0, top: 0, right: width, bottom: height };
  const pixels = decodePng(mask);
  if (!pixels) return whole;
  let [left, top, right, bottom] = [pixels.width, pixels.height, 0, 0];
  for (let y = 0; y < pixels.height; y++) {
    for (let x = 0; x < pixels.width; x++) {
      const i = (y * pixels.width + x) * 4;
      const [r, g, b, a] = [pixels.data[i]!, pixels.data[i + 1]!, pixels.data[i + 2]!, pixels.data[i + 3]!];
      if (a < 128 || r + g + b < 3 * 128) continue;
      [left, top, right, bottom] = [Math.min(left, x), Math.min(top, y), Math.max(right, x + 1), Math.max(bottom, y + 1)];
    }
  }
  if (right <= left) return whole;
  const sx = width / pixels.width;
  const sy = height / pixels.height;
  return { left: Math.floor(left * sx), top: Math.floor(top * sy), right: Math.ceil(right * sx), bottom: Math.ceil(bottom * sy) };
}

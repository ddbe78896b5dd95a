import { randomSource, renderGrid } from './grid-render.js';
import type { Box } from './mask.js';
import { createRaster, type Raster } from './raster.js';
import { averageColour, paste, pixelAt, quadrant, resize, setPixel, type Rgb } from './resample.js';

// Pictures derived from a parent image, so every Midjourney action visibly changes what it got:
// the same inputs give the same pixels, another seed (job id) others. Cheap effects, not art.

const clamp = (v: number): number => Math.max(0, Math.min(255, Math.round(v)));

/**
 * A variation: the source warped by a seeded ripple and tinted; `strength` 0.3 is "Subtle",
 * 1 "Strong". Same size as the source.
 */
export function vary(src: Raster, seed: string, strength: number): Raster {
  const next = randomSource(seed);
  const amplitude = strength * Math.min(src.width, src.height) * 0.06;
  const [fx, fy, px, py] = [1 + next() * 3, 1 + next() * 3, next() * 2 * Math.PI, next() * 2 * Math.PI];
  const tint = [0, 1, 2].map(() => (next() - 0.5) * 120 * strength);
  const out = createRaster(src.width, src.height);
  for (let y = 0; y < src.height; y++) {
    for (let x = 0; x < src.width; x++) {
      const sx = x + amplitude * Math.sin((2 * Math.PI * fy * y) / src.height + py);
      const sy = y + amplitude * Math.sin((2 * Math.PI * fx * x) / src.width + px);
      const [r, g, b] = pixelAt(src, sx, sy);
      setPixel(out, x, y, [clamp(r + tint[0]!), clamp(g + tint[1]!), clamp(b + tint[2]!)]);
    }
  }
  return out;
}

/** Vary (Region) (§3.4): the source with a strong variation inside `box` only. */
export function repaint(src: Raster, box: Box, seed: string): Raster {
  const varied = vary(src, seed, 1);
  const out = { ...src, data: src.data.slice() };
  for (let y = box.top; y < box.bottom; y++) {
    const from = (y * src.width + box.left) * 4;
    out.data.set(varied.data.subarray(from, (y * src.width + box.right) * 4), from);
  }
  return out;
}

/** Zoom Out (§4.3): the source shrunk by `zoom` (2 for "2x") in the middle of new surroundings. */
export function zoomOut(src: Raster, zoom: number, seed: string): Raster {
  const out = surroundings(seed, src.width, src.height, averageColour(src));
  const inner = resize(src, Math.max(1, Math.round(src.width / zoom)), Math.max(1, Math.round(src.height / zoom)));
  paste(out, inner, Math.floor((src.width - inner.width) / 2), Math.floor((src.height - inner.height) / 2));
  return out;
}

export type PanDirection = 'left' | 'right' | 'up' | 'down';

/** Pan (§4.3): the canvas grows by half in that direction and the new strip is made up. */
export function pan(src: Raster, direction: PanDirection, seed: string): Raster {
  const wide = direction === 'left' || direction === 'right';
  const width = wide ? Math.round(src.width * 1.5) : src.width;
  const height = wide ? src.height : Math.round(src.height * 1.5);
  const out = surroundings(seed, width, height, averageColour(src));
  paste(out, src, direction === 'left' ? width - src.width : 0, direction === 'up' ? height - src.height : 0);
  return out;
}

/** Blend: the sources stretched to `width`×`height` and mixed with seeded weights. */
export function blend(sources: Raster[], width: number, height: number, seed: string): Raster {
  const next = randomSource(seed);
  const fitted = sources.map((s) => resize(s, width, height));
  const weights = fitted.map(() => 0.2 + next());
  const total = weights.reduce((a, b) => a + b, 0);
  const out = createRaster(width, height);
  for (let i = 0; i < out.data.length; i += 4) {
    for (let c = 0; c < 3; c++) out.data[i + c] = clamp(fitted.reduce((sum, f, k) => sum + f.data[i + c]! * weights[k]!, 0) / total);
    out.data[i + 3] = 255;
  }
  return out;
}

/** Upscale (Creative): a seeded grain and a little extra contrast on top of the enlargement. */
export function addTexture(src: Raster, seed: string): Raster {
  const next = randomSource(seed);
  const out = createRaster(src.width, src.height);
  for (let i = 0; i < src.data.length; i += 4) {
    const grain = (next() - 0.5) * 24;
    for (let c = 0; c < 3; c++) out.data[i + c] = clamp((src.data[i + c]! - 128) * 1.1 + 128 + grain);
    out.data[i + 3] = 255;
  }
  return out;
}

/** Made-up scenery around or beside a kept image, leaning towards its average colour. */
function surroundings(seed: string, width: number, height: number, lean: Rgb): Raster {
  const scenery = resize(quadrant(renderGrid(seed, 128), 1), width, height);
  for (let i = 0; i < scenery.data.length; i += 4) {
    for (let c = 0; c < 3; c++) scenery.data[i + c] = clamp((scenery.data[i + c]! + lean[c]!) / 2);
  }
  return scenery;
}

import { createHash } from 'node:crypto';
import { createRaster, type Raster } from './raster.js';

type Rgb = [number, number, number];

/**
 * A 2×2 grid like Midjourney's, drawn from a seed: each quadrant is a gradient with a few discs,
 * all derived from a hash of the seed and the quadrant index. Same seed, same pixels; a different
 * seed (another prompt or job id) gives a visibly different image, and the four quadrants differ.
 */
export function renderGrid(seed: string, size = 512): Raster {
  const raster = createRaster(size, size);
  const half = size / 2;
  for (let q = 0; q < 4; q++) drawQuadrant(raster, (q % 2) * half, Math.floor(q / 2) * half, half, `${seed}#${q}`);
  return raster;
}

function drawQuadrant(raster: Raster, ox: number, oy: number, side: number, seed: string): void {
  const next = randomSource(seed);
  const from = colour(next);
  const to = colour(next);
  const angle = next() * Math.PI * 2;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const discs = Array.from({ length: 3 + Math.floor(next() * 4) }, () => ({
    x: next() * side,
    y: next() * side,
    r: side * (0.08 + next() * 0.25),
    rgb: colour(next),
  }));
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const t = Math.min(1, Math.max(0, 0.5 + ((x - side / 2) * dx + (y - side / 2) * dy) / side));
      let rgb: Rgb = [mix(from[0], to[0], t), mix(from[1], to[1], t), mix(from[2], to[2], t)];
      for (const d of discs) {
        if ((x - d.x) ** 2 + (y - d.y) ** 2 <= d.r ** 2) rgb = [mix(rgb[0], d.rgb[0], 0.8), mix(rgb[1], d.rgb[1], 0.8), mix(rgb[2], d.rgb[2], 0.8)];
      }
      const i = ((oy + y) * raster.width + ox + x) * 4;
      raster.data[i] = rgb[0];
      raster.data[i + 1] = rgb[1];
      raster.data[i + 2] = rgb[2];
      raster.data[i + 3] = 255;
    }
  }
}

const mix = (a: number, b: number, t: number): number => Math.round(a + (b - a) * t);
const colour = (next: () => number): Rgb => [Math.floor(next() * 256), Math.floor(next() * 256), Math.floor(next() * 256)];

/** mulberry32 seeded from SHA-256: deterministic, and plenty for pictures. */
export function randomSource(seed: string): () => number {
  let state = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

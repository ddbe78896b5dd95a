import { decodePng } from './png.js';
import type { Raster } from './raster.js';
import { decodeWebpLossless } from './webp-lossless.js';

/** Pixels of a PNG, or of a WebP the sandbox wrote itself (its own grids); undefined otherwise. */
export function decodeImage(bytes: Buffer): Raster | undefined {
  return decodePng(bytes) ?? decodeWebpLossless(bytes);
}

import { PNG } from 'pngjs';
import type { Raster } from './raster.js';

/**
 * Opaque RGB with the Paeth filter on every row: pngjs's default tries all five filters per row,
 * three times slower for no visible gain, and every result of a load test goes through here.
 */
const OPTIONS = { colorType: 2, inputHasAlpha: true, filterType: 4 } as const;

export function encodePng(image: Raster): Buffer {
  const png = new PNG({ width: image.width, height: image.height, ...OPTIONS });
  png.data = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return PNG.sync.write(png, OPTIONS);
}

/** RGBA pixels of a PNG (uploads, earlier results); undefined for anything pngjs cannot read. */
export function decodePng(bytes: Buffer): Raster | undefined {
  try {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch {
    return undefined;
  }
}

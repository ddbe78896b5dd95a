import { describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { renderGrid } from '../src/images/grid-render.js';
import { encodePng } from '../src/images/png.js';
import { pixelate } from '../src/images/raster.js';
import { decodeWebpLossless, encodeWebpLossless } from '../src/images/webp-lossless.js';

describe('images', () => {
  it('renders the same grid for the same seed and another for another seed', () => {
    const a = renderGrid('a fox\njob-1', 64);
    expect(Buffer.from(renderGrid('a fox\njob-1', 64).data).equals(Buffer.from(a.data))).toBe(true);
    expect(Buffer.from(renderGrid('a cat\njob-1', 64).data).equals(Buffer.from(a.data))).toBe(false);
  });

  it('encodes PNGs that decode back to the same pixels', () => {
    const grid = renderGrid('round trip', 32);
    const decoded = PNG.sync.read(encodePng(grid));
    expect([decoded.width, decoded.height]).toEqual([32, 32]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(grid.data))).toBe(true);
  });

  it('writes a VP8L WebP container with the right size fields and dimensions', () => {
    const preview = pixelate(renderGrid('preview', 64), 37, 4);
    const webp = encodeWebpLossless(preview);
    expect(webp.toString('ascii', 0, 4)).toBe('RIFF');
    expect(webp.readUInt32LE(4)).toBe(webp.length - 8);
    expect(webp.toString('ascii', 8, 16)).toBe('WEBPVP8L');
    expect(webp.readUInt32LE(16) + 20 + (webp.readUInt32LE(16) % 2)).toBe(webp.length);
    expect(webp[20]).toBe(0x2f);
    // 14-bit width-1 and height-1, least significant bit first, right after the signature.
    const bits = webp.readUInt32LE(21);
    expect([(bits & 0x3fff) + 1, ((bits >>> 14) & 0x3fff) + 1]).toEqual([37, 37]);
  });

  it('reads back the WebPs it wrote, pixel for pixel, and no other file', () => {
    const grid = pixelate(renderGrid('today', 64), 37, 3);
    const webp = encodeWebpLossless(grid);
    const decoded = decodeWebpLossless(webp);
    expect([decoded?.width, decoded?.height]).toEqual([37, 37]);
    expect(Buffer.from(decoded!.data).equals(Buffer.from(grid.data))).toBe(true);
    // Another encoder's VP8L (here: the transform bit set) or a PNG is not ours to read.
    const foreign = Buffer.from(webp);
    foreign[25] = foreign[25]! | 0x01; // bit 40 of the VP8L stream: transform_present
    expect(decodeWebpLossless(foreign)).toBeUndefined();
    expect(decodeWebpLossless(encodePng(grid))).toBeUndefined();
    expect(decodeWebpLossless(webp.subarray(0, webp.length - 40))).toBeUndefined();
  });

  it('makes earlier previews blockier', () => {
    const grid = renderGrid('blocks', 128);
    const coarse = new Set(chunks(pixelate(grid, 64, 32).data)).size;
    const fine = new Set(chunks(pixelate(grid, 64, 2).data)).size;
    expect(coarse).toBeLessThan(fine);
  });
});

function chunks(data: Uint8Array): string[] {
  const out: string[] = [];
  for (let i = 0; i < data.length; i += 4) out.push(`${data[i]},${data[i + 1]},${data[i + 2]}`);
  return out;
}

/** An RGBA image in memory, row-major, 4 bytes per pixel. */
export interface Raster {
  width: number;
  height: number;
  data: Uint8Array;
}

export function createRaster(width: number, height: number): Raster {
  return { width, height, data: new Uint8Array(width * height * 4) };
}

/**
 * A progress preview: `src` scaled to `size` and made blocky with `block`-pixel cells, so earlier
 * steps look coarser — the way Midjourney's previews sharpen as the job advances.
 */
export function pixelate(src: Raster, size: number, block: number): Raster {
  const out = createRaster(size, size);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cellX = Math.floor(x / block) * block + Math.floor(block / 2);
      const cellY = Math.floor(y / block) * block + Math.floor(block / 2);
      const sx = Math.min(src.width - 1, Math.floor((Math.min(cellX, size - 1) * src.width) / size));
      const sy = Math.min(src.height - 1, Math.floor((Math.min(cellY, size - 1) * src.height) / size));
      out.data.set(src.data.subarray((sy * src.width + sx) * 4, (sy * src.width + sx) * 4 + 4), (y * size + x) * 4);
    }
  }
  return out;
}

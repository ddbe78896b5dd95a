import { createRaster, type Raster } from './raster.js';

export type Rgb = [number, number, number];

/** The pixel at (x, y), clamped to the edges. */
export function pixelAt(src: Raster, x: number, y: number): Rgb {
  const cx = Math.min(src.width - 1, Math.max(0, Math.round(x)));
  const cy = Math.min(src.height - 1, Math.max(0, Math.round(y)));
  const i = (cy * src.width + cx) * 4;
  return [src.data[i]!, src.data[i + 1]!, src.data[i + 2]!];
}

export function setPixel(out: Raster, x: number, y: number, rgb: Rgb): void {
  const i = (y * out.width + x) * 4;
  out.data[i] = rgb[0];
  out.data[i + 1] = rgb[1];
  out.data[i + 2] = rgb[2];
  out.data[i + 3] = 255;
}

/** Bilinear: results look like smooth enlargements of their parent rather than blocky crops. */
export function resize(src: Raster, width: number, height: number): Raster {
  const out = createRaster(width, height);
  const sx = src.width / width;
  const sy = src.height / height;
  for (let y = 0; y < height; y++) {
    const fy = Math.max(0, (y + 0.5) * sy - 0.5);
    const y0 = Math.min(src.height - 1, Math.floor(fy));
    const y1 = Math.min(src.height - 1, y0 + 1);
    const ty = fy - y0;
    for (let x = 0; x < width; x++) {
      const fx = Math.max(0, (x + 0.5) * sx - 0.5);
      const x0 = Math.min(src.width - 1, Math.floor(fx));
      const x1 = Math.min(src.width - 1, x0 + 1);
      const tx = fx - x0;
      const o = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) {
        const top = src.data[(y0 * src.width + x0) * 4 + c]! * (1 - tx) + src.data[(y0 * src.width + x1) * 4 + c]! * tx;
        const bottom = src.data[(y1 * src.width + x0) * 4 + c]! * (1 - tx) + src.data[(y1 * src.width + x1) * 4 + c]! * tx;
        out.data[o + c] = Math.round(top * (1 - ty) + bottom * ty);
      }
      out.data[o + 3] = 255;
    }
  }
  return out;
}

export function crop(src: Raster, x: number, y: number, width: number, height: number): Raster {
  const out = createRaster(width, height);
  for (let row = 0; row < height; row++) {
    const from = ((y + row) * src.width + x) * 4;
    out.data.set(src.data.subarray(from, from + width * 4), row * width * 4);
  }
  return out;
}

/** Image #n of a 2×2 grid, numbered as Midjourney's U/V buttons: 1 2 on top, 3 4 below. */
export function quadrant(grid: Raster, n: number): Raster {
  const w = Math.floor(grid.width / 2);
  const h = Math.floor(grid.height / 2);
  return crop(grid, ((n - 1) % 2) * w, Math.floor((n - 1) / 2) * h, w, h);
}

/** Four equally sized tiles into one grid, in button order. */
export function composeGrid(tiles: Raster[]): Raster {
  const { width, height } = tiles[0]!;
  const out = createRaster(width * 2, height * 2);
  tiles.forEach((tile, q) => paste(out, tile, (q % 2) * width, Math.floor(q / 2) * height));
  return out;
}

export function paste(dst: Raster, src: Raster, x: number, y: number): void {
  for (let row = 0; row < src.height; row++) {
    const to = ((y + row) * dst.width + x) * 4;
    dst.data.set(src.data.subarray(row * src.width * 4, (row + 1) * src.width * 4), to);
  }
}

/** `src` scaled so its shorter side is `side`, keeping the aspect ratio. */
export function fitShortSide(src: Raster, side: number): Raster {
  const scale = side / Math.min(src.width, src.height);
  return resize(src, Math.max(1, Math.round(src.width * scale)), Math.max(1, Math.round(src.height * scale)));
}

/** A progress preview (§4.2 step 3): at most `maxSide` wide or high, in `block`-pixel cells. */
export function blockyPreview(src: Raster, maxSide: number, block: number): Raster {
  const scale = Math.min(1, maxSide / Math.max(src.width, src.height));
  const small = resize(src, Math.max(1, Math.round(src.width * scale)), Math.max(1, Math.round(src.height * scale)));
  const coarse = resize(small, Math.max(1, Math.ceil(small.width / block)), Math.max(1, Math.ceil(small.height / block)));
  const out = createRaster(small.width, small.height);
  for (let y = 0; y < out.height; y++) {
    for (let x = 0; x < out.width; x++) setPixel(out, x, y, pixelAt(coarse, Math.floor(x / block), Math.floor(y / block)));
  }
  return out;
}

export function averageColour(src: Raster): Rgb {
  let [r, g, b] = [0, 0, 0];
  for (let i = 0; i < src.data.length; i += 4) {
    r += src.data[i]!;
    g += src.data[i + 1]!;
    b += src.data[i + 2]!;
  }
  const pixels = src.width * src.height;
  return [Math.round(r / pixels), Math.round(g / pixels), Math.round(b / pixels)];
}

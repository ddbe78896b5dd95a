import { randomSource } from '../images/grid-render.js';
import type { Raster } from '../images/raster.js';
import { averageColour, quadrant, type Rgb } from '../images/resample.js';

/** What /describe looks at: the file's name, its size and, when readable, its pixels. */
export interface DescribedImage {
  filename: string;
  width: number;
  height: number;
  pixels?: Raster;
}

const COLOURS: ReadonlyArray<[string, Rgb]> = [
  ['crimson', [200, 40, 40]],
  ['amber', [230, 140, 40]],
  ['golden', [230, 210, 60]],
  ['emerald', [60, 160, 70]],
  ['teal', [40, 150, 150]],
  ['cobalt', [50, 90, 200]],
  ['violet', [130, 60, 170]],
  ['rose', [230, 130, 180]],
  ['umber', [120, 80, 50]],
  ['charcoal', [25, 25, 25]],
  ['ivory', [235, 235, 225]],
  ['silver', [150, 150, 155]],
];
const STYLES = ['watercolor illustration', 'cinematic photograph', 'digital painting', 'soft pastel drawing', 'studio photography', 'oil on canvas', 'minimalist vector art'];
const MOODS = ['soft light', 'dramatic shadows', 'golden hour', 'misty atmosphere', 'high contrast', 'muted palette', 'vivid colors', 'gentle bokeh'];
const COMMON_RATIOS: ReadonlyArray<[number, number]> = [[1, 1], [2, 3], [3, 2], [3, 4], [4, 3], [4, 5], [5, 4], [9, 16], [16, 9], [21, 9]];

/**
 * Four different prompts for an image, in Midjourney's describe style (§4.5): a subject from the
 * file name, colour words from the pixels, a style and a mood, and the image's `--ar`. `seed`
 * (the interaction) varies them between two describes of the same image.
 */
export function describePrompts(image: DescribedImage, seed: string): string[] {
  const next = randomSource(seed);
  const shuffle = <T>(list: readonly T[]): T[] => [...list].sort(() => next() - 0.5);
  const styles = shuffle(STYLES);
  const moods = shuffle(MOODS);
  const colours = colourWords(image.pixels, next);
  const subject = subjectOf(image.filename);
  const ar = aspectRatio(image.width, image.height);
  return [0, 1, 2, 3].map(
    (i) => `${subject} in ${colours[i % colours.length]} and ${colours[(i + 1) % colours.length]} tones, ${styles[i]}, ${moods[i]} --ar ${ar}`,
  );
}

function subjectOf(filename: string): string {
  const words = filename
    .replace(/\.[^.]*$/, '')
    .split(/[^a-zA-Z]+/)
    .filter((w) => w.length > 1)
    .slice(0, 4)
    .map((w) => w.toLowerCase());
  return words.length > 0 ? `a ${words.join(' ')}` : 'an abstract composition';
}

/** The nearest named colour of each quadrant, at least two distinct ones. */
function colourWords(pixels: Raster | undefined, next: () => number): string[] {
  const names = new Set<string>();
  if (pixels && pixels.width >= 2 && pixels.height >= 2) {
    for (const q of [1, 2, 3, 4]) names.add(nearestColour(averageColour(quadrant(pixels, q))));
  }
  while (names.size < 2) names.add(COLOURS[Math.floor(next() * COLOURS.length)]![0]);
  return [...names];
}

function nearestColour([r, g, b]: Rgb): string {
  const distance = ([, [cr, cg, cb]]: [string, Rgb]) => (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2;
  return [...COLOURS].sort((x, y) => distance(x) - distance(y))[0]![0];
}

/** `--ar w:h` in lowest terms, or the nearest common ratio when those terms are unwieldy. */
export function aspectRatio(width: number, height: number): string {
  const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
  const g = gcd(width, height) || 1;
  if (width / g <= 21 && height / g <= 21) return `${width / g}:${height / g}`;
  const off = ([w, h]: [number, number]) => Math.abs(Math.log(w / h) - Math.log(width / height));
  const [w, h] = [...COMMON_RATIOS].sort((a, b) => off(a) - off(b))[0]!;
  return `${w}:${h}`;
}

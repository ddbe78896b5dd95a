import { expect } from 'vitest';
import type { Raster } from '../src/images/raster.js';
import { meanColour } from './action-helpers.js';

/** The buttons of actions.test.ts, per era: what each click must produce. */
export type Era = 'v7' | 'v6';

/** A grid's buttons; today's end with a link to the job's page (§4.8). */
const gridButtons = (era: Era) => (h: string) => [
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::upsample::${n}::${h}`),
  `MJ::JOB::reroll::0::${h}::SOLO`,
  ...[1, 2, 3, 4].map((n) => `MJ::JOB::variation::${n}::${h}`),
  ...(era === 'v7' ? [`https://www.midjourney.com/jobs/${h}`] : []),
];
/** A single image's buttons; the model version is part of the upscale ones, today's add Animate and ❤️ (§4.8). */
const soloButtons = (era: Era, withUpscale = true) => (h: string) => [
  ...(withUpscale ? [`MJ::JOB::upsample_${era}_2x_subtle::1::${h}::SOLO`, `MJ::JOB::upsample_${era}_2x_creative::1::${h}::SOLO`] : []),
  `MJ::JOB::low_variation::1::${h}::SOLO`,
  `MJ::JOB::high_variation::1::${h}::SOLO`,
  `MJ::Inpaint::1::${h}::SOLO`,
  `MJ::Outpaint::50::1::${h}::SOLO`,
  `MJ::Outpaint::75::1::${h}::SOLO`,
  `MJ::CustomZoom::${h}`,
  ...['left', 'right', 'up', 'down'].map((d) => `MJ::JOB::pan_${d}::1::${h}::SOLO`),
  ...(era === 'v7' ? [`MJ::JOB::animate_high::1::${h}::SOLO`, `MJ::JOB::animate_low::1::${h}::SOLO`, `MJ::BOOKMARK::${h}`] : []),
  `https://www.midjourney.com/jobs/${h}`,
];

export interface Case {
  name: string;
  customId: (h: string) => string;
  /** Content after `**prompt** - `, with `{u}` for the user mention; `{note}` = today's website note on grids. */
  tail: string;
  /** Words before the mention while the job runs; undefined = instant, no progress. */
  working?: string;
  /** Today's first message starts with these words before the bold prompt (§4.8). */
  acknowledgement?: string;
  buttons: (h: string) => string[];
  size: [number, number];
  /** A single image (PNG) rather than a grid (today `.webp`). */
  single?: boolean;
  /** Checks the result's pixels against the parent's. */
  pixels?: (result: Raster, parent: Raster) => void;
}

const close = (a: number[], b: number[], tolerance: number) => a.forEach((v, i) => expect(Math.abs(v - b[i]!)).toBeLessThan(tolerance));

export const gridCases = (era: Era): Case[] => [
  {
    name: 'U2',
    customId: (h) => `MJ::JOB::upsample::2::${h}`,
    tail: 'Image #2 {u}',
    acknowledgement: 'Upscaling image #2 with ',
    buttons: soloButtons(era),
    size: [512, 512],
    single: true,
    pixels: (result, parent) => close(meanColour(result), meanColour(parent, 256, 0, 256, 256), 2),
  },
  {
    name: 'V3',
    customId: (h) => `MJ::JOB::variation::3::${h}`,
    tail: 'Variations (Strong) by {u} {note}(fast)',
    working: 'Variations (Strong) by ',
    acknowledgement: 'Making variations for image #3 with prompt ',
    buttons: gridButtons(era),
    size: [512, 512],
  },
  { name: '🔄 reroll', customId: (h) => `MJ::JOB::reroll::0::${h}::SOLO`, tail: '{u} {note}(fast)', working: '', buttons: gridButtons(era), size: [512, 512] },
];

export const upscaleCases = (era: Era): Case[] => [
  {
    name: 'Upscale (Subtle)',
    customId: (h) => `MJ::JOB::upsample_${era}_2x_subtle::1::${h}::SOLO`,
    tail: era === 'v7' ? 'Upscaled by {u} (fast)' : 'Upscaled (Subtle) by {u} (fast)',
    working: 'Upscaling by ',
    buttons: soloButtons(era, false),
    size: [1024, 1024],
    single: true,
    pixels: (result, parent) => close(meanColour(result), meanColour(parent), 2),
  },
  {
    name: 'Upscale (Creative)',
    customId: (h) => `MJ::JOB::upsample_${era}_2x_creative::1::${h}::SOLO`,
    tail: era === 'v7' ? 'Upscaled by {u} (fast)' : 'Upscaled (Creative) by {u} (fast)',
    working: 'Upscaling by ',
    buttons: soloButtons(era, false),
    size: [1024, 1024],
    single: true,
  },
  ...(['Subtle', 'Strong'] as const).map((strength): Case => ({
    name: `Vary (${strength})`,
    customId: (h) => `MJ::JOB::${strength === 'Subtle' ? 'low' : 'high'}_variation::1::${h}::SOLO`,
    tail: `Variations (${strength}) by {u} {note}(fast)`,
    working: `Variations (${strength}) by `,
    acknowledgement: 'Making variations for image #1 with prompt ',
    buttons: gridButtons(era),
    size: [512, 512],
  })),
  {
    name: 'Zoom Out 2x',
    customId: (h) => `MJ::Outpaint::50::1::${h}::SOLO`,
    tail: 'Zoom Out by {u} {note}(fast)',
    working: 'Zoom Out by ',
    buttons: gridButtons(era),
    size: [512, 512],
    // Image #1 keeps the parent, half size, in its middle.
    pixels: (result, parent) => close(meanColour(result, 64, 64, 128, 128), meanColour(parent), 6),
  },
  { name: 'Zoom Out 1.5x', customId: (h) => `MJ::Outpaint::75::1::${h}::SOLO`, tail: 'Zoom Out by {u} {note}(fast)', working: 'Zoom Out by ', buttons: gridButtons(era), size: [512, 512] },
  ...(
    [
      ['⬅️', 'Left', [768, 512]],
      ['➡️', 'Right', [768, 512]],
      ['⬆️', 'Up', [512, 768]],
      ['⬇️', 'Down', [512, 768]],
    ] as const
  ).map(([arrow, dir, size]): Case => ({
    name: `${arrow} Pan ${dir}`,
    customId: (h) => `MJ::JOB::pan_${dir.toLowerCase()}::1::${h}::SOLO`,
    tail: `Pan ${dir} by {u} {note}(fast)`,
    working: `Pan ${dir} by `,
    buttons: gridButtons(era),
    size: [...size],
    // Image #1 of a pan left keeps the parent on its right; the new strip is on the left.
    ...(dir === 'Left' ? { pixels: (result: Raster, parent: Raster) => close(meanColour(result, 128, 0, 256, 256), meanColour(parent), 4) } : {}),
  })),
];

import type { ActionRow, Button } from '../discord-types.js';
import { jobUrl, type Era } from './era.js';

// Button rows of single-image and text results (§3.3, §4.3, §4.5, §4.8). Rows of the grid are in
// mj-messages.ts. Grouping is unverified (§4.3); clients read buttons by custom_id, never by position.

const button = (label: string, customId: string): Button => ({ type: 2, style: 2, label, custom_id: customId });
const emoji = (name: string, customId: string): Button => ({ type: 2, style: 2, emoji: { name }, custom_id: customId });

export interface SoloOptions {
  era: Era;
  /** A 2× upscale (`false`) cannot be upscaled again, so its upscale buttons are left out. */
  withUpscale?: boolean;
}

/**
 * An upscaled image (U1–U4 result, §4.4): upscale, vary, zoom and pan buttons with the new job
 * id, and a link to the job on midjourney.com (§3.5, trueai's fallback for the job id). The model
 * part of the upscale custom_ids follows the era (`upsample_v7_2x_subtle`, §3.3). Today's add
 * Animate (High|Low motion) and the ❤️ bookmark (§4.8; Animate runs a video job, video.ts).
 */
export function soloComponents(jobId: string, { era, withUpscale = true }: SoloOptions): ActionRow[] {
  const upscale = withUpscale
    ? [
        button('Upscale (Subtle)', `MJ::JOB::upsample_${era}_2x_subtle::1::${jobId}::SOLO`),
        button('Upscale (Creative)', `MJ::JOB::upsample_${era}_2x_creative::1::${jobId}::SOLO`),
      ]
    : [];
  const vary = [
    button('Vary (Subtle)', `MJ::JOB::low_variation::1::${jobId}::SOLO`),
    button('Vary (Strong)', `MJ::JOB::high_variation::1::${jobId}::SOLO`),
    button('Vary (Region)', `MJ::Inpaint::1::${jobId}::SOLO`),
  ];
  const zoom = [
    button('Zoom Out 2x', `MJ::Outpaint::50::1::${jobId}::SOLO`),
    button('Zoom Out 1.5x', `MJ::Outpaint::75::1::${jobId}::SOLO`),
    button('Custom Zoom', `MJ::CustomZoom::${jobId}`),
  ];
  const pan = (direction: string, arrow: string) => emoji(arrow, `MJ::JOB::pan_${direction}::1::${jobId}::SOLO`);
  const pans = [pan('left', '⬅️'), pan('right', '➡️'), pan('up', '⬆️'), pan('down', '⬇️')];
  const web: Button = { type: 2, style: 5, label: 'Web', url: jobUrl(jobId) };
  if (era === 'v6') return [upscale, vary, zoom, pans, [web]].filter((r) => r.length > 0).map(toRow);
  const today = [
    ...upscale,
    ...vary,
    ...zoom,
    ...pans,
    button('Animate (High motion)', `MJ::JOB::animate_high::1::${jobId}::SOLO`),
    button('Animate (Low motion)', `MJ::JOB::animate_low::1::${jobId}::SOLO`),
    emoji('❤️', `MJ::BOOKMARK::${jobId}`),
    web,
  ];
  // The capture keeps the order but not the rows: five to a row, Discord's limit.
  return Array.from({ length: Math.ceil(today.length / 5) }, (_, i) => toRow(today.slice(i * 5, i * 5 + 5)));
}

const toRow = (components: Button[]): ActionRow => ({ type: 1, components });

const KEYCAPS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣'];

/** §4.5 describe: one button per prompt, 🔄 retry and "imagine all". Labels unverified. */
export function describeComponents(): ActionRow[] {
  return [
    {
      type: 1,
      components: [
        ...[1, 2, 3, 4].map((n) => button(String(n), `MJ::Job::PicReader::${n}`)),
        emoji('🔄', 'MJ::Picread::Retry'),
      ],
    },
    { type: 1, components: [{ ...button('Imagine all', 'MJ::Job::PicReader::all'), emoji: { name: '🎉' } }] },
  ];
}

/** §4.5 shorten: one button per shortened prompt; the middle segment is ours (§3.3 unverified). */
export function shortenComponents(key: string, count: number): ActionRow[] {
  return [{ type: 1, components: KEYCAPS.slice(0, count).map((_, i) => button(String(i + 1), `MJ::Job::PromptAnalyzer::${key}::${i + 1}`)) }];
}

/** `1️⃣ …` numbering of describe and shorten texts (§4.5, §4.7 DESCRIBE). */
export function keycap(n: number): string {
  return KEYCAPS[n - 1] ?? `${n}.`;
}

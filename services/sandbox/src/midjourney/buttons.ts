import type { ActionRow, Button } from '../discord-types.js';

// Button rows of single-image and text results (§3.3, §4.3, §4.5). Rows of the grid are in
// mj-messages.ts. Grouping and labels follow Midjourney v6 as far as known (§4.3: "exact grouping
// unverified"); clients read buttons by custom_id, never by position.

const button = (label: string, customId: string): Button => ({ type: 2, style: 2, label, custom_id: customId });
const emoji = (name: string, customId: string): Button => ({ type: 2, style: 2, emoji: { name }, custom_id: customId });

/** The model-version part of upscale custom_ids (§3.3: copied from the message by clients). */
export const UPSCALE_VERSION = 'v6';

/**
 * An upscaled image (U1–U4 result, §4.4): upscale, vary, zoom and pan rows with the new job id,
 * and a link to the job on midjourney.com (§3.5, trueai's fallback for the job id). A 2× upscale
 * (`withUpscale: false`) cannot be upscaled again, so its upscale row is left out.
 */
export function soloComponents(jobId: string, withUpscale = true): ActionRow[] {
  const upscale = (kind: 'subtle' | 'creative', label: string) =>
    button(label, `MJ::JOB::upsample_${UPSCALE_VERSION}_2x_${kind}::1::${jobId}::SOLO`);
  const pan = (direction: string, arrow: string) => emoji(arrow, `MJ::JOB::pan_${direction}::1::${jobId}::SOLO`);
  const rows: ActionRow[] = [
    { type: 1, components: [upscale('subtle', 'Upscale (Subtle)'), upscale('creative', 'Upscale (Creative)')] },
    {
      type: 1,
      components: [
        button('Vary (Subtle)', `MJ::JOB::low_variation::1::${jobId}::SOLO`),
        button('Vary (Strong)', `MJ::JOB::high_variation::1::${jobId}::SOLO`),
        button('Vary (Region)', `MJ::Inpaint::1::${jobId}::SOLO`),
      ],
    },
    {
      type: 1,
      components: [
        button('Zoom Out 2x', `MJ::Outpaint::50::1::${jobId}::SOLO`),
        button('Zoom Out 1.5x', `MJ::Outpaint::75::1::${jobId}::SOLO`),
        button('Custom Zoom', `MJ::CustomZoom::${jobId}`),
      ],
    },
    { type: 1, components: [pan('left', '⬅️'), pan('right', '➡️'), pan('up', '⬆️'), pan('down', '⬇️')] },
    { type: 1, components: [{ type: 2, style: 5, label: 'Web', url: `https://www.midjourney.com/jobs/${jobId}` }] },
  ];
  return withUpscale ? rows : rows.slice(1);
}

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

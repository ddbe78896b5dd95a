import type { ActionRow, Button } from '../discord-types.js';

/**
 * Which Midjourney's messages a job shows. `v7` (the default): today's, as a live capture of
 * 2026-06 shows them (§4.8) — acknowledgements, Cancel Job buttons, `.webp` grids with the
 * "Open on website" link, "Upscaled by". `v6`: the 2023–2025 shapes of §4.2–§4.4, for clients
 * written against them. A prompt asking for an older model (`--v 6`, `--v 5.2`, `--version 6.1`)
 * gets the old shapes, and so do the jobs of its buttons, which repeat its prompt.
 */
export type Era = 'v7' | 'v6';

const VERSION = /(?:^|\s)--(?:v|version)\s+(\d+(?:\.\d+)?)(?=\s|$)/g;

export function eraOf(prompt: string): Era {
  const asked = [...prompt.matchAll(VERSION)].at(-1)?.[1];
  return asked !== undefined && Number(asked) < 7 ? 'v6' : 'v7';
}

export function jobUrl(jobId: string): string {
  return `https://www.midjourney.com/jobs/${jobId}`;
}

/**
 * §4.8: from its first message on, a job started by a button carries a Cancel Job button naming
 * its job id (the capture shows none on an /imagine's own waiting and progress messages).
 */
export function cancelJobRow(jobId: string): ActionRow[] {
  return [{ type: 1, components: [{ type: 2, style: 4, label: 'Cancel Job', custom_id: `MJ::CancelJob::ByJobid::${jobId}` }] }];
}

/** §4.8: finished grids say where the full-quality image is, between the mention and the mode. */
export function websiteNote(jobId: string): string {
  return `[(Open on website for full quality)](<https://midjourney.com/jobs/${jobId}>) `;
}

/**
 * The link button of finished grids: the capture records only style 5 and a zero-width label
 * (its `url` and any emoji were not recorded; the url is the job's page, as on single images).
 */
export function websiteButton(jobId: string): Button {
  return { type: 2, style: 5, label: '\u200b', url: jobUrl(jobId) };
}

import type { ModalSpec } from '../modal-registry.js';

// The modals Midjourney answers some clicks with (§3.4): custom_ids and input ids are the
// documented ones; titles and labels are ours (unverified). Each input is prefilled with the
// prompt the user is expected to edit.

/** V1–V4 / Vary with Remix mode on; the last segment is 0 subtle, 1 strong. */
export function remixModal(jobId: string, index: number, strong: boolean, prompt: string): ModalSpec {
  return {
    customId: `MJ::RemixModal::${jobId}::${index}::${strong ? 1 : 0}`,
    title: 'Remix Prompt',
    input: { customId: 'MJ::RemixModal::new_prompt', label: 'New prompt for image', value: prompt },
  };
}

/** 🔄 with Remix mode on, and a shorten pick: keyed by the message the button was on. */
export function imagineModal(messageId: string, prompt: string): ModalSpec {
  return { customId: `MJ::ImagineModal::${messageId}`, title: 'Imagine This!', input: { customId: 'MJ::ImagineModal::new_prompt', label: 'Prompt', value: prompt } };
}

export function panModal(direction: string, jobId: string, index: number, prompt: string): ModalSpec {
  return {
    customId: `MJ::PanModal::${direction}::${jobId}::${index}`,
    title: 'Pan',
    input: { customId: 'MJ::PanModal::prompt', label: 'Prompt', value: prompt },
  };
}

/** Custom Zoom always opens this; the prompt must keep a `--zoom` between 1 and 2. */
export function customZoomModal(jobId: string, prompt: string): ModalSpec {
  const value = `${prompt.replace(/\s--zoom\s+\S+/g, '')} --zoom 2`;
  return { customId: `MJ::OutpaintCustomZoomModal::${jobId}`, title: 'Zoom Out', input: { customId: 'MJ::OutpaintCustomZoomModal::prompt', label: 'Zoom Out', value } };
}

/** A describe pick: the chosen prompt, editable before it is imagined. */
export function picReaderModal(pick: number, prompt: string): ModalSpec {
  return {
    customId: `MJ::Picreader::Modal::${pick}`,
    title: 'Imagine This!',
    input: { customId: 'MJ::Picreader::Modal::PromptField', label: 'Prompt', value: prompt },
  };
}

/**
 * Extend (High|Low motion) of a clip (§3.4: `MJ::AnimateModal::{h}::{n}::{low|high}::{0|1}`, the
 * last segment unexplained — 1 here), prefilled with the clip's prompt.
 */
export function animateModal(jobId: string, index: number, motion: 'low' | 'high', prompt: string): ModalSpec {
  return {
    customId: `MJ::AnimateModal::${jobId}::${index}::${motion}::1`,
    title: 'Animate',
    input: { customId: 'MJ::AnimateModal::prompt', label: 'Prompt', value: prompt },
  };
}

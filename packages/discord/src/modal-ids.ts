import type { ParsedCustomId } from './custom-id.js';

/** Modal custom_id prefix → custom_id of its single text input (§3.4). */
const PROMPT_INPUTS: [prefix: string, input: string][] = [
  ['MJ::RemixModal::', 'MJ::RemixModal::new_prompt'],
  ['MJ::ImagineModal::', 'MJ::ImagineModal::new_prompt'],
  ['MJ::PanModal::', 'MJ::PanModal::prompt'],
  ['MJ::OutpaintCustomZoomModal::', 'MJ::OutpaintCustomZoomModal::prompt'],
  ['MJ::Picreader::Modal::', 'MJ::Picreader::Modal::PromptField'],
  ['MJ::AnimateModal::', 'MJ::AnimateModal::prompt'],
];

/** The text input a modal submit must fill, undefined for modals outside the catalogue. */
export function modalPromptInputId(modalCustomId: string): string | undefined {
  return PROMPT_INPUTS.find(([prefix]) => modalCustomId.startsWith(prefix))?.[1];
}

/**
 * The modal a button opens (Custom Zoom always, V/Vary/pan/reroll with Remix mode on, describe
 * and shorten picks), as erictik rebuilds it instead of trusting INTERACTION_MODAL_CREATE, whose
 * fields are unverified (§1.10, §3.4). `messageId` is the message carrying the button.
 * Undefined for buttons that open no modal; animate is left out: its last segment is unexplained.
 */
export function modalCustomIdFor(button: ParsedCustomId, messageId: string): string | undefined {
  switch (button.kind) {
    case 'custom_zoom':
      return `MJ::OutpaintCustomZoomModal::${button.hash}`;
    case 'describe_pick':
      return button.index === 'all' ? undefined : `MJ::Picreader::Modal::${button.index}`;
    case 'shorten_pick':
      return `MJ::ImagineModal::${messageId}`;
    case 'job':
      return jobModalId(button, messageId);
    default:
      return undefined;
  }
}

function jobModalId(button: Extract<ParsedCustomId, { kind: 'job' }>, messageId: string): string | undefined {
  const { action, hash, index } = button;
  if (action === 'reroll') return `MJ::ImagineModal::${messageId}`;
  // Last RemixModal segment: 0 subtle, 1 strong; V1–V4 send 1 as erictik does.
  if (action === 'variation' || action === 'vary_strong') return `MJ::RemixModal::${hash}::${index}::1`;
  if (action === 'vary_subtle') return `MJ::RemixModal::${hash}::${index}::0`;
  if (action.startsWith('pan_')) return `MJ::PanModal::${action.slice('pan_'.length)}::${hash}::${index}`;
  return undefined;
}

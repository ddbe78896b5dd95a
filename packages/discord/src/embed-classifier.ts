import type { DiscordEmbed } from './discord-types.js';

export type MidjourneyErrorCode =
  | 'banned_prompt'
  | 'invalid_parameter'
  | 'invalid_link'
  | 'queue_full'
  | 'action_needed'
  | 'pending_mod'
  | 'credits_exhausted'
  | 'subscription_required'
  | 'blocked'
  | 'output_filtered'
  | 'duplicate_images'
  | 'tos_not_accepted'
  | 'restricted'
  | 'failed'
  | 'unknown_error';

export interface EmbedClass {
  stage: 'error' | 'queued' | 'info';
  code?: MidjourneyErrorCode;
}

/** Titles as seen in peers' sources (§5.1), lower-cased. `Job queued` is not an error: the job starts later. */
const TITLES = new Map<string, EmbedClass>([
  ['banned prompt', { stage: 'error', code: 'banned_prompt' }],
  ['banned prompt detected', { stage: 'error', code: 'banned_prompt' }],
  ['banned image prompt', { stage: 'error', code: 'banned_prompt' }],
  ['invalid parameter', { stage: 'error', code: 'invalid_parameter' }],
  ['invalid prompt', { stage: 'error', code: 'invalid_parameter' }],
  ['invalid request', { stage: 'error', code: 'invalid_parameter' }],
  ['empty prompt', { stage: 'error', code: 'invalid_parameter' }],
  ['invalid link', { stage: 'error', code: 'invalid_link' }],
  ['action needed to continue', { stage: 'error', code: 'action_needed' }],
  ['pending mod message', { stage: 'error', code: 'pending_mod' }],
  ['job queued', { stage: 'queued' }],
  ['queue full', { stage: 'error', code: 'queue_full' }],
  ['credits exhausted', { stage: 'error', code: 'credits_exhausted' }],
  ['subscription required', { stage: 'error', code: 'subscription_required' }],
  ['subscription paused', { stage: 'error', code: 'subscription_required' }],
  ['plan cancelled', { stage: 'error', code: 'subscription_required' }],
  ['blocked', { stage: 'error', code: 'blocked' }],
  ['request cancelled due to output filters', { stage: 'error', code: 'output_filtered' }],
  ['duplicate images detected', { stage: 'error', code: 'duplicate_images' }],
  ['tos not accepted', { stage: 'error', code: 'tos_not_accepted' }],
  ['job action restricted', { stage: 'error', code: 'restricted' }],
  ['please complete the task', { stage: 'error', code: 'restricted' }],
  ['action required to continue', { stage: 'error', code: 'restricted' }],
]);

/** 0xFF0000: erictik and novicezk fail the task on it whatever the title (§5.1). */
const RED = 16711680;

/**
 * Title first, then colour, as the peers do (§5.1: colour per title is unverified). Unknown titles
 * containing "Invalid" are input errors and "verify you're human" texts are captchas (erictik).
 * Yellow warnings and anything else fall through as `info`.
 */
export function classifyMidjourneyEmbed(embed: DiscordEmbed): EmbedClass {
  const title = (embed.title ?? '').trim().toLowerCase();
  const known = TITLES.get(title);
  if (known) return { ...known };
  if (title.includes('invalid')) return { stage: 'error', code: 'invalid_parameter' };
  const text = `${title} ${embed.description ?? ''}`.toLowerCase().replace(/’/g, "'");
  if (text.includes('continue') && text.includes("verify you're human")) return { stage: 'error', code: 'restricted' };
  if (embed.color === RED) return { stage: 'error', code: 'unknown_error' };
  return { stage: 'info' };
}

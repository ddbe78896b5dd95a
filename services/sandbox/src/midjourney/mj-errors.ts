import { randomBytes } from 'node:crypto';
import { MessageFlags, type ActionRow, type DiscordMessage } from '../discord-types.js';
import type { AcceptedInteraction } from '../interaction.js';
import type { ActionContext } from './action.js';
import { midjourneyMessage } from './mj-messages.js';

/** §5.1 colours: red fails a task in every peer; yellow is a warning they log and keep waiting. */
const RED = 16_711_680;
const YELLOW = 16_776_960;

export const MJ_ERROR_KINDS = [
  'banned_prompt',
  'invalid_parameter',
  'invalid_link',
  'queue_full',
  'job_queued',
  'action_needed',
  'credits_exhausted',
  'subscription_required',
  'blocked',
] as const;
export type MjErrorKind = (typeof MJ_ERROR_KINDS)[number];

interface MjErrorSpec {
  title: string;
  color: number;
  description: (detail: string | undefined) => string;
  /** "Action needed to continue" carries an Appeal button (§3.3, §5.1). */
  appeal?: boolean;
}

/** Titles as Midjourney shows them (§5.1): clients key on the title first, then the colour. */
export const MJ_ERRORS: Record<MjErrorKind, MjErrorSpec> = {
  banned_prompt: {
    title: 'Banned prompt detected',
    color: RED,
    description: (word) =>
      `The word \`${word ?? 'sandbox:banned_prompt'}\` is banned. Circumventing this filter to violate our rules may result in your access being revoked.`,
  },
  invalid_parameter: {
    title: 'Invalid parameter',
    color: RED,
    description: (detail) => detail ?? 'Invalid value provided for a parameter.',
  },
  invalid_link: {
    title: 'Invalid link',
    color: RED,
    description: (link) =>
      `The link ${link ? `\`${link}\` ` : ''}could not be used. Image prompts must be direct, public links to a PNG, JPEG, GIF or WebP image.`,
  },
  queue_full: {
    title: 'Queue full',
    color: RED,
    description: (detail) => `${detail ?? 'You have too many jobs queued.'} Please wait for some of your jobs to finish before submitting more.`,
  },
  job_queued: {
    title: 'Job queued',
    color: YELLOW,
    description: (detail) => `Your job is queued and will start as soon as a slot frees up.${detail ? ` ${detail}` : ''}`,
  },
  action_needed: {
    title: 'Action needed to continue',
    color: RED,
    appeal: true,
    description: (detail) =>
      detail ??
      'Our AI moderators feel your prompt might be against our community standards. If you think this is a mistake, press the Appeal button below and we will send it to a more sophisticated AI to double-check the result.',
  },
  credits_exhausted: {
    title: 'Credits exhausted',
    color: RED,
    description: () =>
      'You have run out of fast hours. Switch to relax mode with `/relax`, or purchase more fast hours at https://www.midjourney.com/account.',
  },
  subscription_required: {
    title: 'Subscription required',
    color: RED,
    description: () => 'To use Midjourney you need an active subscription. Visit https://www.midjourney.com/account to subscribe.',
  },
  blocked: {
    title: 'Blocked',
    color: RED,
    description: () =>
      'You have been blocked from accessing Midjourney. This happens for repeated or serious violations of our community guidelines. If you believe this is a mistake, please contact support.',
  },
};

export const isMjErrorKind = (kind: unknown): kind is MjErrorKind => MJ_ERROR_KINDS.includes(kind as MjErrorKind);

/**
 * Midjourney's refusal (§5.1): an ephemeral reply (flags 64, so only the invoking user's
 * sessions receive it, never bots) carrying the interaction's nonce, empty content and one embed
 * whose footer echoes the command, with `interaction`/`interaction_metadata` like every reply.
 */
export function mjErrorMessage(ctx: ActionContext, ix: AcceptedInteraction, kind: MjErrorKind, detail?: string): DiscordMessage {
  const spec = MJ_ERRORS[kind];
  const footer = ix.kind === 'command' ? { footer: { text: commandEcho(ix) } } : {};
  return midjourneyMessage(ctx, ix, {
    // 20: the direct response to a slash command; 0 for component and modal answers (§4.2).
    type: ix.kind === 'command' ? 20 : 0,
    flags: MessageFlags.Ephemeral,
    nonce: ix.nonce,
    content: '',
    embeds: [{ type: 'rich', title: spec.title, description: spec.description(detail), color: spec.color, ...footer }],
    components: spec.appeal ? appealRow() : [],
  });
}

/** `/imagine <prompt>`: the command and its text options, as the footer shows them. */
function commandEcho(ix: Extract<AcceptedInteraction, { kind: 'command' }>): string {
  const values = Object.values(ix.options).filter((v): v is string => typeof v === 'string');
  return [`/${ix.command.name}`, ...values].join(' ');
}

/** §3.3: `MJ::Prompts::Appeal::<opaque>`, clicked with `message_flags: 64`. */
function appealRow(): ActionRow[] {
  const opaque = randomBytes(12).toString('hex');
  return [{ type: 1, components: [{ type: 2, style: 1, label: 'Appeal', custom_id: `MJ::Prompts::Appeal::${opaque}` }] }];
}

import { discordTimestamp, MessageFlags, type ActionRow, type DiscordMessage, type InteractionMetadata } from '../discord-types.js';
import type { AcceptedInteraction, CommandInteraction } from '../interaction.js';
import { MIDJOURNEY_APP_ID, MIDJOURNEY_USER } from '../world.js';
import type { ActionContext } from './action.js';
import { websiteButton, type Era } from './era.js';

/** §5.1: peers fail a task on a red embed. */
const RED = 0xff0000;

/**
 * A message from the Midjourney bot answering `ix`, with the envelope of §4.1: author, webhook and
 * application ids, the deprecated `interaction` (erictik needs it) and `interaction_metadata` with
 * `authorizing_integration_owners` (discord.js crashes without it). Type 20 marks the direct
 * response to a slash command; follow-ups are plain type 0, replies to a parent type 19 (§4.4).
 */
export function midjourneyMessage(ctx: ActionContext, ix: AcceptedInteraction, fields: Partial<DiscordMessage>): DiscordMessage {
  const id = ctx.ids.next();
  const interactionType = INTERACTION_TYPES[ix.kind];
  // Only slash commands have a name; component interactions carry the clicked message instead.
  const name = ix.kind === 'command' ? commandName(ix) : '';
  return {
    id,
    type: 0,
    channel_id: ix.channelId,
    guild_id: ix.guildId,
    author: MIDJOURNEY_USER,
    content: '',
    timestamp: discordTimestamp(Date.now()),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    flags: 0,
    application_id: MIDJOURNEY_APP_ID,
    webhook_id: MIDJOURNEY_APP_ID,
    interaction: { id: ix.id, type: interactionType, name, user: ix.user },
    interaction_metadata: interactionMetadata(ix),
    ...fields,
  };
}

/** An editor submit goes on under its click (type 3): no Discord interaction carries it (§3.4). */
const INTERACTION_TYPES = { command: 2, component: 3, modal: 5, region: 3 } as const;

/**
 * Commands carry their name (trueai reads it, §4.1), clicks the clicked message
 * (`interacted_message_id`, §4.4) and modal submits the click that opened the modal. A Vary
 * (Region) edit carries the click that opened the editor — what real Discord puts there is unverified.
 */
function interactionMetadata(ix: AcceptedInteraction): InteractionMetadata {
  const common = { id: ix.id, type: INTERACTION_TYPES[ix.kind], user: ix.user, authorizing_integration_owners: { '0': ix.guildId } };
  if (ix.kind === 'command') return { ...common, name: commandName(ix) };
  if (ix.kind === 'component' || ix.kind === 'region') return { ...common, interacted_message_id: ix.message.id };
  const trigger = { id: ix.modal.id, type: INTERACTION_TYPES.component, user: ix.user, authorizing_integration_owners: common.authorizing_integration_owners };
  return { ...common, triggering_interaction_metadata: { ...trigger, interacted_message_id: ix.modal.parent.id } };
}

/** `prefer remix`, not `prefer`: clients key on the full name (§4.1, §4.5). */
function commandName(ix: CommandInteraction): string {
  return ix.subcommand ? `${ix.command.name} ${ix.subcommand}` : ix.command.name;
}

/**
 * What a button's result carries to point at the message the button was on (§4.4): the reference,
 * and the whole parent one level deep (without its own parent, as Discord nests only once).
 */
export function replyTo(parent: DiscordMessage): Pick<DiscordMessage, 'type' | 'message_reference' | 'referenced_message'> {
  const { referenced_message: _grandparent, nonce: _nonce, ...referenced } = parent;
  return {
    type: 19,
    message_reference: { type: 0, message_id: parent.id, channel_id: parent.channel_id, guild_id: parent.guild_id },
    referenced_message: referenced,
  };
}

/**
 * §5.1: Midjourney's refusals are an ephemeral reply carrying the nonce, empty content and one
 * embed whose footer echoes the command. Only the invoking user's sessions receive it.
 */
export function errorMessage(ctx: ActionContext, ix: AcceptedInteraction, title: string, description: string): DiscordMessage {
  const footer = ix.kind === 'command' ? { footer: { text: commandEcho(ix) } } : {};
  return midjourneyMessage(ctx, ix, {
    type: ix.kind === 'command' ? 20 : 0,
    flags: MessageFlags.Ephemeral,
    nonce: ix.nonce,
    embeds: [{ type: 'rich', title, description, color: RED, ...footer }],
  });
}

function commandEcho(ix: CommandInteraction): string {
  const values = Object.values(ix.options).filter((v): v is string => typeof v === 'string');
  return [`/${commandName(ix)}`, ...values].join(' ');
}

/**
 * §4.2 step 4: U1–U4 and 🔄 on the first row, V1–V4 on the second; custom_ids embed the job id.
 * Today's grids end with a link button to the job's page (§4.8; its row is unverified).
 */
export function gridComponents(jobId: string, era: Era = 'v7'): ActionRow[] {
  const button = (label: string, customId: string) => ({ type: 2 as const, style: 2, label, custom_id: customId });
  const indices = [1, 2, 3, 4];
  const link = era === 'v7' ? [websiteButton(jobId)] : [];
  return [
    {
      type: 1,
      components: [
        ...indices.map((n) => button(`U${n}`, `MJ::JOB::upsample::${n}::${jobId}`)),
        { type: 2, style: 2, emoji: { name: '🔄' }, custom_id: `MJ::JOB::reroll::0::${jobId}::SOLO` },
      ],
    },
    { type: 1, components: [...indices.map((n) => button(`V${n}`, `MJ::JOB::variation::${n}::${jobId}`)), ...link] },
  ];
}

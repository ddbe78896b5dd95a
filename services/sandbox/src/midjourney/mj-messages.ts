import { discordTimestamp, MessageFlags, type ActionRow, type DiscordMessage } from '../discord-types.js';
import type { AcceptedInteraction } from '../interaction.js';
import { MIDJOURNEY_APP_ID, MIDJOURNEY_USER } from '../world.js';
import type { ActionContext } from './action.js';

/** §5.1: peers fail a task on a red embed. */
const RED = 0xff0000;

/**
 * A message from the Midjourney bot answering `ix`, with the envelope of §4.1: author, webhook and
 * application ids, the deprecated `interaction` (erictik needs it) and `interaction_metadata` with
 * `authorizing_integration_owners` (discord.js crashes without it). Type 20 marks the direct
 * response to a slash command; follow-ups are plain type 0.
 */
export function midjourneyMessage(ctx: ActionContext, ix: AcceptedInteraction, fields: Partial<DiscordMessage>): DiscordMessage {
  const id = ctx.ids.next();
  const interactionType = ix.kind === 'command' ? 2 : 3;
  // Only slash commands have a name; component interactions carry the clicked message instead.
  const name = ix.kind === 'command' ? ix.command.name : '';
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
    interaction_metadata: {
      id: ix.id,
      type: interactionType,
      ...(ix.kind === 'command' ? { name } : { interacted_message_id: ix.message.id }),
      user: ix.user,
      authorizing_integration_owners: { '0': ix.guildId },
    },
    ...fields,
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

function commandEcho(ix: Extract<AcceptedInteraction, { kind: 'command' }>): string {
  const values = Object.values(ix.options).filter((v): v is string => typeof v === 'string');
  return [`/${ix.command.name}`, ...values].join(' ');
}

/** §4.2 step 4: U1–U4 and 🔄 on the first row, V1–V4 on the second; custom_ids embed the job id. */
export function gridComponents(jobId: string): ActionRow[] {
  const button = (label: string, customId: string) => ({ type: 2 as const, style: 2, label, custom_id: customId });
  const indices = [1, 2, 3, 4];
  return [
    {
      type: 1,
      components: [
        ...indices.map((n) => button(`U${n}`, `MJ::JOB::upsample::${n}::${jobId}`)),
        { type: 2, style: 2, emoji: { name: '🔄' }, custom_id: `MJ::JOB::reroll::0::${jobId}::SOLO` },
      ],
    },
    { type: 1, components: indices.map((n) => button(`V${n}`, `MJ::JOB::variation::${n}::${jobId}`)) },
  ];
}

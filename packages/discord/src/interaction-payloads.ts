import type { SlashCommand } from './command-index.js';

/** What every interaction of one driver session shares (§3.1 envelope). */
export interface InteractionContext {
  applicationId: string;
  guildId: string;
  channelId: string;
  sessionId: string;
  nonce: string;
}

/** Interaction types sent by the driver: 2 application command, 3 component, 5 modal submit (§3.1). */
export interface InteractionPayload<Data> {
  type: 2 | 3 | 5;
  application_id: string;
  guild_id: string;
  channel_id: string;
  session_id: string;
  nonce: string;
  message_id?: string;
  message_flags?: number;
  data: Data;
}

/** A command option: 3 string, 11 attachment (`value` = attachment id), 1 subcommand (§3.2). */
export interface CommandOption {
  type: number;
  name: string;
  value?: string | number;
  options?: CommandOption[];
}

/** A file already PUT to its upload slot (§2.4); `id` is its position in `data.attachments`. */
export interface CommandAttachment {
  id: string;
  filename: string;
  uploaded_filename: string;
}

export interface SlashCommandData {
  version: string;
  id: string;
  name: string;
  type: number;
  options: CommandOption[];
  attachments: CommandAttachment[];
}

export interface ButtonData {
  component_type: 2;
  custom_id: string;
}

/** A select menu's choice (§3.3: /settings' version selector). */
export interface SelectData {
  component_type: 3;
  custom_id: string;
  type: 3;
  values: string[];
}

export interface ModalSubmitData {
  id: string;
  custom_id: string;
  components: { type: 1; components: { type: 4; custom_id: string; value: string }[] }[];
}

function envelope<Data>(ctx: InteractionContext, type: 2 | 3 | 5, data: Data): InteractionPayload<Data> {
  return {
    type,
    application_id: ctx.applicationId,
    guild_id: ctx.guildId,
    channel_id: ctx.channelId,
    session_id: ctx.sessionId,
    nonce: ctx.nonce,
    data,
  };
}

/**
 * Type 2 for any command of the index (/settings, /info, /fast, /relax take `options: []`).
 * id and version come from the live index, never from constants (§3.2).
 */
export function buildSlashCommandInteraction(
  ctx: InteractionContext,
  command: SlashCommand,
  options: CommandOption[] = [],
  attachments: CommandAttachment[] = [],
): InteractionPayload<SlashCommandData> {
  const { version, id, name, type } = command;
  return envelope(ctx, 2, { version, id, name, type, options, attachments });
}

/**
 * Type 3 click. `messageFlags` must be the flags of the message carrying the button: 64 for
 * ephemeral ones such as the moderation Appeal (§3.1, §3.3).
 */
export function buildButtonInteraction(
  ctx: InteractionContext,
  messageId: string,
  customId: string,
  messageFlags = 0,
): InteractionPayload<ButtonData> {
  return {
    ...envelope(ctx, 3, { component_type: 2, custom_id: customId }),
    message_id: messageId,
    message_flags: messageFlags,
  };
}

/** Type 3 on a select menu: the chosen option values, on the message carrying the select. */
export function buildSelectInteraction(
  ctx: InteractionContext,
  messageId: string,
  customId: string,
  values: string[],
  messageFlags = 0,
): InteractionPayload<SelectData> {
  return {
    ...envelope(ctx, 3, { component_type: 3, custom_id: customId, type: 3, values }),
    message_id: messageId,
    message_flags: messageFlags,
  };
}

/**
 * Type 5. `interactionId` is the id from INTERACTION_SUCCESS / INTERACTION_MODAL_CREATE, not a
 * message id (§3.4); each text input sits in its own action row, as Discord renders modals.
 */
export function buildModalSubmitInteraction(
  ctx: InteractionContext,
  interactionId: string,
  modalCustomId: string,
  inputs: { customId: string; value: string }[],
): InteractionPayload<ModalSubmitData> {
  return envelope(ctx, 5, {
    id: interactionId,
    custom_id: modalCustomId,
    components: inputs.map((input) => ({
      type: 1 as const,
      components: [{ type: 4 as const, custom_id: input.customId, value: input.value }],
    })),
  });
}

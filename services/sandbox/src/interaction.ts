import type { DiscordMessage, DiscordUser } from './discord-types.js';
import type { SlashCommand } from './midjourney/commands.js';
import type { OpenModal } from './modal-registry.js';

/** What every accepted interaction carries (§3.1). */
export interface InteractionBase {
  id: string;
  receivedAt: number;
  user: DiscordUser;
  guildId: string;
  channelId: string;
  sessionId: string;
  nonce: string;
  /** Midjourney's job mode, set by its job gate: results end in `(fast)`/`(relaxed)`/`(turbo)` (§4.2). */
  mode?: 'fast' | 'relaxed' | 'turbo';
}

/** A file a slash command option points at: `data.attachments[i].uploaded_filename`, uploaded (§3.2). */
export interface CommandFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

/** Type 2: a slash command, options by name. */
export interface CommandInteraction extends InteractionBase {
  kind: 'command';
  command: SlashCommand;
  options: Record<string, unknown>;
  /** The chosen subcommand (type 1 option), e.g. `remix` of `/prefer remix`. */
  subcommand?: string;
  /** Attachment options (type 11) by option name, resolved to the uploaded bytes. */
  files: Record<string, CommandFile>;
}

/** Type 3: a click on a component of `message`. */
export interface ComponentInteraction extends InteractionBase {
  kind: 'component';
  customId: string;
  message: DiscordMessage;
  /** A select menu's chosen option values (component_type 3). */
  values?: string[];
}

/** Type 5: the submit of a modal the application opened (§3.4); text inputs by custom_id. */
export interface ModalSubmitInteraction extends InteractionBase {
  kind: 'modal';
  customId: string;
  values: Record<string, string>;
  modal: OpenModal;
}

/**
 * Vary (Region)'s editor submit (§3.4): posted to Midjourney's activity host, not to Discord, so no
 * interaction and no nonce of its own — it goes on under the click that opened the editor (`id`,
 * `sessionId` are the click's) and replies to the message that click was on.
 */
export interface RegionSubmit extends Omit<InteractionBase, 'nonce'> {
  kind: 'region';
  nonce?: undefined;
  prompt: string;
  /** The area to redraw: a PNG or WebP, white = redraw. */
  mask: Buffer;
  /** The message whose Vary (Region) button opened the editor. */
  message: DiscordMessage;
}

/** What `POST /interactions` hands to the application. */
export type DiscordInteraction = CommandInteraction | ComponentInteraction | ModalSubmitInteraction;

/** What Midjourney answers: an interaction Discord accepted, or an edit from its own editor. */
export type AcceptedInteraction = DiscordInteraction | RegionSubmit;

/** An interaction as validated, before Discord assigns its id. */
export type ValidInteraction =
  | Omit<CommandInteraction, 'id' | 'receivedAt'>
  | Omit<ComponentInteraction, 'id' | 'receivedAt'>
  | Omit<ModalSubmitInteraction, 'id' | 'receivedAt'>;

import type { DiscordMessage, DiscordUser } from './discord-types.js';
import type { SlashCommand } from './midjourney/commands.js';

/** What every accepted interaction carries (§3.1). */
export interface InteractionBase {
  id: string;
  receivedAt: number;
  user: DiscordUser;
  guildId: string;
  channelId: string;
  sessionId: string;
  nonce: string;
}

/** Type 2: a slash command, options by name. */
export interface CommandInteraction extends InteractionBase {
  kind: 'command';
  command: SlashCommand;
  options: Record<string, unknown>;
}

/** Type 3: a click on a component of `message`. */
export interface ComponentInteraction extends InteractionBase {
  kind: 'component';
  customId: string;
  message: DiscordMessage;
}

export type AcceptedInteraction = CommandInteraction | ComponentInteraction;

/** An interaction as validated, before Discord assigns its id. */
export type ValidInteraction = Omit<CommandInteraction, 'id' | 'receivedAt'> | Omit<ComponentInteraction, 'id' | 'receivedAt'>;

// The subset of Discord's JSON objects the sandbox emits, written from the protocol reference
// (shared/docs/discord-midjourney-protocol.md). Field names are Discord's wire names on purpose:
// these objects are serialised as they are.

export interface DiscordUser {
  id: string;
  username: string;
  discriminator: string;
  global_name: string | null;
  avatar: string | null;
  bot?: boolean;
  public_flags?: number;
}

export interface Attachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  /** Images only (§6); other files have no dimensions. */
  width?: number;
  height?: number;
  content_type: string;
}

export interface EmbedImage {
  url: string;
  proxy_url: string;
  width: number;
  height: number;
}

export interface Embed {
  type: 'rich';
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  /** describe (§4.5): the seed ignores an embed image without width/height. */
  image?: EmbedImage;
}

/** Style 5 (link) buttons have a `url` and no `custom_id`; every other style the reverse. */
export interface Button {
  type: 2;
  style: number;
  label?: string;
  emoji?: { name: string };
  custom_id?: string;
  url?: string;
}

/** A string select (type 3), as /settings carries its version selector (§3.3). */
export interface SelectMenu {
  type: 3;
  custom_id: string;
  placeholder?: string;
  min_values?: number;
  max_values?: number;
  options: { label: string; value: string; description?: string; default?: boolean }[];
}

export interface ActionRow {
  type: 1;
  components: (Button | SelectMenu)[];
}

/** The deprecated `interaction` field: erictik still requires it (§4.1). */
export interface MessageInteraction {
  id: string;
  type: number;
  name: string;
  user: DiscordUser;
}

/** discord.js v14 crashes without `authorizing_integration_owners` (§4.1). */
export interface InteractionMetadata {
  id: string;
  type: number;
  name?: string;
  user: DiscordUser;
  authorizing_integration_owners: Record<string, string>;
  interacted_message_id?: string;
  /** Modal submits: the component interaction that opened the modal. */
  triggering_interaction_metadata?: InteractionMetadata;
}

/** Replies (type 19) point at their parent (§4.4). */
export interface MessageReference {
  type: 0;
  message_id: string;
  channel_id: string;
  /** Absent for a message in a DM. */
  guild_id?: string;
}

export interface DiscordMessage {
  id: string;
  type: number;
  channel_id: string;
  /** Absent in DMs (the seed answer). */
  guild_id?: string;
  author: DiscordUser;
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: DiscordUser[];
  mention_roles: string[];
  attachments: Attachment[];
  embeds: Embed[];
  components: ActionRow[];
  pinned: boolean;
  flags: number;
  nonce?: string;
  application_id?: string;
  webhook_id?: string;
  interaction?: MessageInteraction;
  interaction_metadata?: InteractionMetadata;
  message_reference?: MessageReference;
  /** The full parent message, one level deep (its own reference is not repeated). */
  referenced_message?: DiscordMessage;
}

/** Message flags (§4.1). */
export const MessageFlags = { Ephemeral: 64, Loading: 128 } as const;

/** Message types the Midjourney bot uses (§4.2, §4.4). */
export const MessageType = { Default: 0, Reply: 19, ChatInputCommand: 20 } as const;

/** Discord renders timestamps with microseconds and an explicit offset. */
export function discordTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000+00:00');
}

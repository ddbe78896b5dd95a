/**
 * The subset of Discord's message JSON (gateway MESSAGE_CREATE/UPDATE `d`, REST message objects) that
 * the Midjourney parser reads. Field names are Discord's own snake_case so payloads need no mapping;
 * everything Discord may omit is optional (§4.1: results seen with and without `interaction`/`nonce`).
 */
export interface DiscordMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  type?: number;
  content: string;
  flags?: number;
  nonce?: string | number | null;
  author?: { id: string; username?: string; bot?: boolean };
  attachments?: DiscordAttachment[];
  embeds?: DiscordEmbed[];
  components?: DiscordActionRow[];
  message_reference?: { type?: number; message_id?: string; channel_id?: string; guild_id?: string };
  /** Deprecated by Discord but still sent, and the only place erictik reads the invoking user (§4.1). */
  interaction?: { id: string; name?: string; user?: { id: string } } | null;
  /** `name` is undocumented but observed: trueai keys text results on it (§4.1). */
  interaction_metadata?: { id: string; name?: string; interacted_message_id?: string } | null;
  edited_timestamp?: string | null;
  timestamp?: string;
}

export interface DiscordAttachment {
  id: string;
  filename: string;
  url: string;
  proxy_url?: string;
  size?: number;
  width?: number;
  height?: number;
  content_type?: string;
}

export interface DiscordEmbed {
  /** Always `rich` for Midjourney's embeds. */
  type?: string;
  title?: string;
  description?: string;
  color?: number;
  footer?: { text: string };
  image?: { url: string; proxy_url?: string; width?: number; height?: number };
}

export interface DiscordActionRow {
  type: 1;
  components: DiscordComponent[];
}

/** A button (type 2, `url` only on link buttons, style 5) or a select menu (type 3). */
export interface DiscordComponent {
  type: number;
  style?: number;
  label?: string;
  emoji?: { name?: string; id?: string };
  custom_id?: string;
  url?: string;
  /** A select menu's choices (/settings' version selector); `default` marks the chosen one. */
  options?: { label: string; value: string; default?: boolean }[];
}

/** Message flags (§4.1). */
export const MESSAGE_FLAG_EPHEMERAL = 64;
/** Deferred "is thinking…" placeholder; 192 when also ephemeral (§4.5). */
export const MESSAGE_FLAG_LOADING = 128;

import type { DiscordUser } from './discord-types.js';
import { CommandVersions } from './midjourney/command-versions.js';

// Who and what exists in the fake Discord: one guild with the Midjourney channel, the user
// accounts (the first is "the driver"), the listener (a bot) and the Midjourney application. Ids
// are those of the protocol reference's examples.

export const MIDJOURNEY_APP_ID = '936929561302675456';
const GUILD_ID = '1100000000000000001';
const CHANNEL_ID = '1100000000000000002';
const DRIVER_ID = '1200000000000000009';
const LISTENER_ID = '1200000000000000001';

/** §4.1: 589824 = verified bot + HTTP-interactions bot. */
export const MIDJOURNEY_USER: DiscordUser = {
  id: MIDJOURNEY_APP_ID,
  username: 'Midjourney Bot',
  discriminator: '9282',
  global_name: null,
  avatar: 'f6ce562a6b4979c4b1cbc5b436d3be76',
  bot: true,
  public_flags: 589824,
};

export interface Identity {
  kind: 'user' | 'bot';
  token: string;
  user: DiscordUser;
}

export class World {
  readonly guildId = GUILD_ID;
  readonly channelId = CHANNEL_ID;
  /** The first user account; every user is a guild member who sees the channel. */
  readonly driver: Identity;
  readonly listener: Identity;
  /** The versions the command index hands out (rotatable, §5.2). */
  readonly commandVersions = new CommandVersions();
  private readonly userList: Identity[];

  constructor(tokens: { userToken: string; botToken: string; userId?: string; username?: string }) {
    const username = tokens.username ?? 'driver';
    this.driver = {
      kind: 'user',
      token: tokens.userToken,
      user: { id: tokens.userId ?? DRIVER_ID, username, discriminator: '0', global_name: tokens.username ?? 'Driver', avatar: null },
    };
    this.userList = [this.driver];
    this.listener = {
      kind: 'bot',
      token: tokens.botToken,
      user: { id: LISTENER_ID, username: 'listener', discriminator: '0', global_name: null, avatar: null, bot: true },
    };
  }

  /**
   * §2.1: bots send `Bot <token>`, users their raw token. A bot token without the prefix, or a user
   * token with it, is not valid — as on Discord.
   */
  identityFromAuthorization(header: string | undefined): Identity | undefined {
    if (!header) return undefined;
    if (header.startsWith('Bot ')) return header.slice(4) === this.listener.token ? this.listener : undefined;
    return this.userList.find((u) => u.token === header);
  }

  /** IDENTIFY carries the token without `Bot ` (§1.5); tolerate the prefix anyway. */
  identityFromGatewayToken(token: unknown): Identity | undefined {
    if (typeof token !== 'string') return undefined;
    const raw = token.startsWith('Bot ') ? token.slice(4) : token;
    if (raw === this.listener.token) return this.listener;
    return this.userList.find((u) => u.token === raw);
  }

  /** Another user account (Accounts checks the token and id are unused). */
  addUser(identity: Identity): void {
    this.userList.push(identity);
  }

  users(): Identity[] {
    return [...this.userList];
  }

  /** Every identity is a member of the one guild; used for user-session fan-out. */
  identities(): Identity[] {
    return [...this.userList, this.listener];
  }

  channel(): Record<string, unknown> {
    return {
      id: CHANNEL_ID,
      type: 0,
      guild_id: GUILD_ID,
      name: 'mj',
      position: 0,
      permission_overwrites: [],
      parent_id: null,
      topic: null,
      nsfw: false,
      rate_limit_per_user: 0,
      last_message_id: null,
      flags: 0,
    };
  }

  /** The guild as REST `GET /guilds/{id}` returns it (§2.4). */
  guild(): Record<string, unknown> {
    return {
      id: GUILD_ID,
      name: 'mj-sandbox',
      icon: null,
      owner_id: this.driver.user.id,
      features: [],
      // §1.6: role permissions must be a numeric string.
      roles: [
        {
          id: GUILD_ID,
          name: '@everyone',
          permissions: '1071698660929',
          position: 0,
          color: 0,
          hoist: false,
          managed: false,
          mentionable: false,
          flags: 0,
        },
      ],
      emojis: [],
      stickers: [],
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      premium_tier: 0,
      nsfw_level: 0,
      preferred_locale: 'en-US',
    };
  }

  /**
   * GUILD_CREATE (§1.6): `unavailable: false` explicitly, and the MJ channel in `channels`, or
   * discord.js drops every message of the channel.
   */
  guildCreate(): Record<string, unknown> {
    // Channels inside GUILD_CREATE carry no guild_id of their own.
    const { guild_id: _inGuild, ...channel } = this.channel();
    return {
      ...this.guild(),
      unavailable: false,
      joined_at: '2025-01-01T00:00:00.000000+00:00',
      large: false,
      member_count: this.userList.length + 2,
      channels: [channel],
      threads: [],
      members: [],
      voice_states: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
    };
  }

  /** `GET /users/@me/guilds`: partial guilds with a `permissions` string (§2.4). */
  partialGuild(identity: Identity): Record<string, unknown> {
    return {
      id: GUILD_ID,
      name: 'mj-sandbox',
      icon: null,
      owner: identity.user.id === this.driver.user.id,
      permissions: '1071698660929',
      features: [],
    };
  }
}

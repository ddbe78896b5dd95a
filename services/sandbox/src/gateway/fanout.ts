import type { DiscordMessage } from '../discord-types.js';
import type { StoredMessage } from '../message-store.js';
import { Intents } from './intents.js';
import type { GatewaySession } from './session.js';
import type { SessionRegistry } from './session-registry.js';

/**
 * Who receives which gateway event. Ephemeral messages and INTERACTION_* events reach only the
 * invoking user (§1.10, §7a); bots need GUILD_MESSAGES for message events and MESSAGE_CONTENT to
 * see their content (§1.7). User sessions have no intents and see everything in their guild.
 */
export class Fanout {
  constructor(
    private readonly sessions: SessionRegistry,
    /** Gateway faults: how many copies of a dispatch a session gets (0 dropped, 2 duplicated). */
    private readonly faults?: DispatchFaults,
    /** RuntimeConfig.interactionEventsToAllSessions: the old, lenient routing (off by default). */
    private readonly toAllSessions: () => boolean = () => false,
  ) {}

  /** MESSAGE_CREATE / MESSAGE_UPDATE: always the full message object (§4.1). */
  message(t: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE', stored: StoredMessage): void {
    for (const session of this.audience(stored)) this.send(session, t, asSeenBy(session, stored.message), stored.message);
  }

  messageDelete(stored: StoredMessage): void {
    const { id, channel_id, guild_id } = stored.message;
    for (const session of this.audience(stored)) this.send(session, 'MESSAGE_DELETE', { id, channel_id, guild_id });
  }

  /**
   * INTERACTION_* events: only to the session named by the interaction's `session_id`, as Discord
   * does (§3.1): an interaction naming no live session of its user gets none of them — no
   * INTERACTION_CREATE/SUCCESS, no modal. `interactionEventsToAllSessions` restores the lenient
   * fan-out to all the user's sessions for a client that sends a made-up session id.
   */
  toInvoker(userId: string, sessionId: string, t: string, d: unknown): void {
    const own = this.sessions.live().filter((s) => s.identity.kind === 'user' && s.identity.user.id === userId);
    const named = own.filter((s) => s.id === sessionId);
    for (const session of named.length > 0 || !this.toAllSessions() ? named : own) this.send(session, t, d);
  }

  /** Faults judge the full event (`original`), not the copy blanked for a bot without MESSAGE_CONTENT. */
  private send(session: GatewaySession, t: string, d: unknown, original: unknown = d): void {
    const copies = this.faults ? this.faults.copies(t, original) : 1;
    for (let i = 0; i < copies; i++) session.dispatch(t, d);
  }

  private audience(stored: StoredMessage): GatewaySession[] {
    return this.sessions.live().filter((session) => {
      if (stored.ephemeralFor !== undefined) return session.identity.kind === 'user' && session.identity.user.id === stored.ephemeralFor;
      return session.intents === null || (session.intents & Intents.GuildMessages) !== 0;
    });
  }
}

export interface DispatchFaults {
  copies(t: string, d: unknown): number;
}

/** §1.7: without MESSAGE_CONTENT a bot gets blanks, except its own messages and ones mentioning it. */
function asSeenBy(session: GatewaySession, message: DiscordMessage): DiscordMessage {
  if (session.intents === null || (session.intents & Intents.MessageContent) !== 0) return message;
  const botId = session.identity.user.id;
  if (message.author.id === botId || message.mentions.some((u) => u.id === botId)) return message;
  return { ...message, content: '', embeds: [], attachments: [], components: [] };
}

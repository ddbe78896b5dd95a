import { discordTimestamp, type DiscordMessage } from './discord-types.js';
import type { Fanout } from './gateway/fanout.js';
import type { MessageStore } from './message-store.js';

/**
 * The channel as every author (users, bots, the simulated Midjourney) changes it: each change is
 * stored first, then dispatched, so a client reacting to an event can already read it over REST.
 */
export class MessageFeed {
  constructor(
    private readonly store: MessageStore,
    private readonly fanout: Fanout,
  ) {}

  create(message: DiscordMessage): DiscordMessage {
    this.fanout.message('MESSAGE_CREATE', this.store.add(message));
    return message;
  }

  /** A DM to `userId`: only that user's sessions receive its MESSAGE_CREATE. */
  direct(message: DiscordMessage, userId: string): DiscordMessage {
    this.fanout.message('MESSAGE_CREATE', this.store.addDirect(message, userId));
    return message;
  }

  /** MESSAGE_UPDATE carries the whole edited message, without the creation nonce (§4.2 step 3). */
  edit(id: string, patch: Partial<DiscordMessage>): DiscordMessage | undefined {
    const stored = this.store.get(id);
    if (!stored || stored.deleted) return undefined;
    const { nonce: _nonce, ...previous } = stored.message;
    stored.message = { ...previous, ...patch, edited_timestamp: discordTimestamp(Date.now()) };
    this.fanout.message('MESSAGE_UPDATE', stored);
    return stored.message;
  }

  delete(id: string): void {
    const stored = this.store.get(id);
    if (!stored || stored.deleted) return;
    stored.deleted = true;
    this.fanout.messageDelete(stored);
  }

  /** INTERACTION_* events, which only the invoking user's sessions receive (§1.10). */
  toInvoker(userId: string, sessionId: string, t: string, d: unknown): void {
    this.fanout.toInvoker(userId, sessionId, t, d);
  }
}

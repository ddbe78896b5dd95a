import { MessageFlags, type DiscordMessage } from './discord-types.js';

export interface StoredMessage {
  message: DiscordMessage;
  deleted: boolean;
  /** Ephemeral messages belong to the invoking user only (§4.1); absent for public messages. */
  ephemeralFor?: string;
}

export interface HistoryQuery {
  limit: number;
  before?: string;
  after?: string;
  around?: string;
}

const byIdDesc = (a: StoredMessage, b: StoredMessage): number => compareIds(b.message.id, a.message.id);

function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

/** Every message the sandbox knows, deleted ones included, so tests can inspect the whole story. */
export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();

  add(message: DiscordMessage): StoredMessage {
    const ephemeral = (message.flags & MessageFlags.Ephemeral) !== 0;
    const ownerId = message.interaction_metadata?.user.id;
    const stored: StoredMessage = { message, deleted: false, ...(ephemeral && ownerId ? { ephemeralFor: ownerId } : {}) };
    this.byId.set(message.id, stored);
    return stored;
  }

  /** A direct message: only `userId` sees it, like an ephemeral one. */
  addDirect(message: DiscordMessage, userId: string): StoredMessage {
    const stored: StoredMessage = { message, deleted: false, ephemeralFor: userId };
    this.byId.set(message.id, stored);
    return stored;
  }

  get(id: string): StoredMessage | undefined {
    return this.byId.get(id);
  }

  /** What `userId` may address by id (REST reads, button clicks): live, and public or theirs. */
  visible(id: string, userId: string): DiscordMessage | undefined {
    const stored = this.byId.get(id);
    if (!stored || stored.deleted) return undefined;
    if (stored.ephemeralFor !== undefined && stored.ephemeralFor !== userId) return undefined;
    return stored.message;
  }

  all(): StoredMessage[] {
    return [...this.byId.values()];
  }

  clear(): void {
    this.byId.clear();
  }

  /**
   * `GET /channels/{id}/messages` (§2.4): newest first; `after` returns the messages right after the
   * id, `around` half on each side. Ephemeral messages are never part of channel history.
   */
  history(channelId: string, query: HistoryQuery): DiscordMessage[] {
    const { limit, before, after, around } = query;
    const live = this.all()
      .filter((s) => !s.deleted && s.ephemeralFor === undefined && s.message.channel_id === channelId)
      .sort(byIdDesc)
      .map((s) => s.message);
    if (before) return live.filter((m) => compareIds(m.id, before) < 0).slice(0, limit);
    if (after) return live.filter((m) => compareIds(m.id, after) > 0).slice(-limit);
    if (around) return aroundPage(live, around, limit);
    return live.slice(0, limit);
  }
}

function aroundPage(live: DiscordMessage[], around: string, limit: number): DiscordMessage[] {
  const half = Math.floor(limit / 2);
  const newer = half === 0 ? [] : live.filter((m) => compareIds(m.id, around) > 0).slice(-half);
  const olderOrSame = live.filter((m) => compareIds(m.id, around) <= 0);
  return [...newer, ...olderOrSame.slice(0, limit - newer.length)];
}

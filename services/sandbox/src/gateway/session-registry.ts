import { newSessionId } from '../ids.js';
import type { Identity } from '../world.js';
import { GatewaySession } from './session.js';

/** How long a detached session can still be resumed; Discord's window is a few minutes. */
const RESUME_WINDOW_MS = 5 * 60_000;

export class SessionRegistry {
  private readonly sessions = new Map<string, GatewaySession>();
  /** New sockets still to be stalled from their start (a stall fault): they never get HELLO. */
  private silentConnections = 0;

  create(identity: Identity, intents: number | null): GatewaySession {
    const session = new GatewaySession(newSessionId(), identity, intents, Date.now());
    this.sessions.set(session.id, session);
    return session;
  }

  /** A session that can still be resumed. */
  get(id: unknown): GatewaySession | undefined {
    return typeof id === 'string' ? this.live().find((s) => s.id === id) : undefined;
  }

  /** Ends a session for good: it can no longer be resumed nor receive anything. */
  end(id: string): void {
    this.sessions.delete(id);
  }

  /** Sessions still alive; expired detached ones are forgotten here, lazily. */
  live(now = Date.now()): GatewaySession[] {
    for (const [id, s] of this.sessions) {
      if (s.detachedAt !== null && now - s.detachedAt > RESUME_WINDOW_MS) this.sessions.delete(id);
    }
    return [...this.sessions.values()];
  }

  /**
   * Drops the sessions nobody is connected to and the new connections still to be silenced (used
   * by reset; connected clients keep working, stalled sockets stay stalled).
   */
  forgetDetached(): void {
    for (const [id, s] of this.sessions) if (!s.connected) this.sessions.delete(id);
    this.silentConnections = 0;
  }

  /** The next `count` sockets to connect, whoever opens them, stay silent from the start. */
  silenceNextConnections(count: number): void {
    this.silentConnections += count;
  }

  /** Whether a socket opening now is one of them. */
  takeSilentConnection(): boolean {
    if (this.silentConnections === 0) return false;
    this.silentConnections -= 1;
    return true;
  }
}

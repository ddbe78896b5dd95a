import type { Identity } from '../world.js';

/** A gateway payload (§1.2); `s` and `t` are set only for dispatches. */
export interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** The socket currently carrying a session; a resumed session moves to a new one. */
export interface SessionSocket {
  send(frame: Frame): void;
  close(code: number, reason: string): void;
}

/** Enough history for any realistic resume; older gaps answer op 9 instead (§1.8). */
const BACKLOG_LIMIT = 1_000;

/**
 * One identified gateway session. It outlives its socket so that RESUME can replay what was
 * dispatched while the client was away (§1.8): dispatches are numbered and kept even when detached.
 */
export class GatewaySession {
  seq = 0;
  detachedAt: number | null = null;
  private socket: SessionSocket | null = null;
  private readonly backlog: Frame[] = [];

  constructor(
    readonly id: string,
    readonly identity: Identity,
    /** Bots only: users have no intents and receive everything in their guilds (§1.7). */
    readonly intents: number | null,
    readonly createdAt: number,
  ) {}

  get connected(): boolean {
    return this.socket !== null;
  }

  dispatch(t: string, d: unknown): void {
    const frame: Frame = { op: 0, d, s: ++this.seq, t };
    this.backlog.push(frame);
    if (this.backlog.length > BACKLOG_LIMIT) this.backlog.shift();
    this.socket?.send(frame);
  }

  /** Takes over from any previous socket, which is closed so only one ever receives dispatches. */
  attach(socket: SessionSocket): void {
    if (this.socket && this.socket !== socket) this.socket.close(4000, 'Session resumed elsewhere');
    this.socket = socket;
    this.detachedAt = null;
  }

  detach(socket: SessionSocket, now: number): void {
    if (this.socket !== socket) return;
    this.socket = null;
    this.detachedAt = now;
  }

  /** Dispatches after `seq`, or undefined when the backlog no longer reaches back that far. */
  missedSince(seq: number): Frame[] | undefined {
    const oldest = this.backlog[0]?.s ?? this.seq + 1;
    if (seq + 1 < oldest || seq > this.seq) return undefined;
    return this.backlog.filter((f) => (f.s ?? 0) > seq);
  }

  close(code: number, reason: string): void {
    this.socket?.close(code, reason);
  }

  /**
   * Op 7 (§1.8): the client should reconnect and resume. Discord closes the socket itself if the
   * client does not; discord.js closes at once (its 4200) and resumes, erictik reconnects on close.
   */
  requestReconnect(graceMs: number): void {
    const socket = this.socket;
    if (!socket) return;
    socket.send({ op: 7, d: null, s: null, t: null });
    setTimeout(() => {
      if (this.socket === socket) socket.close(4000, 'Reconnect requested');
    }, graceMs).unref();
  }

  info(): SessionInfo {
    return {
      id: this.id,
      userId: this.identity.user.id,
      kind: this.identity.kind,
      intents: this.intents,
      seq: this.seq,
      connected: this.connected,
      createdAt: this.createdAt,
    };
  }
}

export interface SessionInfo {
  id: string;
  userId: string;
  kind: Identity['kind'];
  intents: number | null;
  seq: number;
  connected: boolean;
  createdAt: number;
}

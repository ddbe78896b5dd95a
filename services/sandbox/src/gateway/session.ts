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
  /** Goes silent for good: stays open, answers nothing, sends nothing (a stall fault). */
  stall(): void;
}

/**
 * The latest stall of a session's socket, as a client's liveness check would meet it: from `at`
 * the socket said nothing, so every dispatch after `seq` waited in the backlog for a RESUME.
 */
export interface StallInfo {
  at: number;
  /** The session's last sequence number when it went silent. */
  seq: number;
  /** Heartbeats the client sent into the silent socket before giving up on it. */
  heartbeats: number;
  /** The code the client closed the silent socket with; null while it is still open. */
  closeCode: number | null;
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
  /** Successful RESUMEs of this session. */
  resumes = 0;
  /** IDENTIFY's `properties` as the client sent them (os, browser, browser_user_agent, …), for tests to check. */
  properties: Record<string, unknown> | null = null;
  private socket: SessionSocket | null = null;
  private readonly backlog: Frame[] = [];
  private stalled: { socket: SessionSocket; info: StallInfo } | null = null;

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

  /** A RESUME took the session over on `socket` (its missed dispatches are replayed by the caller). */
  resume(socket: SessionSocket): void {
    this.attach(socket);
    this.resumes += 1;
  }

  /** Silences the current socket; what is dispatched meanwhile stays in the backlog for a RESUME. */
  stall(now: number): boolean {
    if (!this.socket) return false;
    this.socket.stall();
    this.stalled = { socket: this.socket, info: { at: now, seq: this.seq, heartbeats: 0, closeCode: null } };
    return true;
  }

  /** A heartbeat arrived on a socket that is silent, so nobody ACKs it. */
  heartbeatSwallowed(socket: SessionSocket): void {
    if (this.stalled?.socket === socket) this.stalled.info.heartbeats += 1;
  }

  /** `code` is the close code the socket ended with, as the server saw it. */
  detach(socket: SessionSocket, now: number, code?: number): void {
    if (this.stalled?.socket === socket && code !== undefined) this.stalled.info.closeCode = code;
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
      resumes: this.resumes,
      properties: this.properties,
      stall: this.stalled ? { ...this.stalled.info } : null,
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
  resumes: number;
  properties: Record<string, unknown> | null;
  stall: StallInfo | null;
}

import {
  GatewayCloseCodes,
  GatewayDispatchEvents,
  GatewayOpcodes,
  type GatewayHeartbeat,
  type GatewayHelloData,
  type GatewayIdentifyData,
  type GatewayReadyDispatchData,
  type GatewayResume,
} from 'discord-api-types/v9';
import { DEFAULT_BROWSER_IDENTITY, type BrowserIdentity, type ResumeState } from '@mjq/common';

/**
 * The user-session side of the Discord gateway as a pure state machine (protocol §1): it turns
 * received frames, timer expiries and socket events into frames to send, timers to arm and
 * decisions, with no sockets or clocks involved, so the protocol can be tested on its own.
 * Liveness follows discord.js' WebSocketShard: a HELLO deadline after the socket opens, a
 * READY/RESUMED deadline after IDENTIFY/RESUME, a jittered first heartbeat, and a heartbeat not
 * ACKed by the time the next is due marks a zombie socket to replace and resume.
 */

/** A frame as received: parsed JSON, not trusted to match discord-api-types' shapes. */
export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

/** A user session identifies without intents or shard, with a capabilities bitfield (§1.5). */
export interface UserIdentify {
  op: GatewayOpcodes.Identify;
  d: Omit<GatewayIdentifyData, 'intents'>;
}

export type GatewaySendFrame = GatewayHeartbeat | UserIdentify | GatewayResume;

export type Deadline = 'hello' | 'ready';

export type GatewayAction =
  | { type: 'send'; frame: GatewaySendFrame }
  /** Arm (or re-arm) a one-shot deadline; on expiry call onDeadline(name). */
  | { type: 'deadline'; name: Deadline; ms: number }
  /** What the deadline waited for arrived: disarm it. */
  | { type: 'deadline-met'; name: Deadline }
  /** Beat first after `firstMs`, then every `everyMs`, calling onHeartbeatDue each time. */
  | { type: 'heartbeat'; firstMs: number; everyMs: number }
  | { type: 'dispatch'; event: string; data: unknown }
  /** The live session changed: READY's id, or undefined once it can no longer be resumed. */
  | { type: 'session'; sessionId: string | undefined }
  /** Replace the socket (closing it resumably when `resume`), then RESUME or IDENTIFY. */
  | { type: 'reconnect'; resume: boolean; reason: string }
  | { type: 'fatal'; reason: string };

export interface GatewayTimings {
  /** How long a new socket may stay silent before HELLO. */
  helloTimeoutMs: number;
  /** How long IDENTIFY/RESUME may go unanswered by READY/RESUMED. */
  readyTimeoutMs: number;
  /** Uniform in [0, 1): the first heartbeat waits interval × this, so clients that reconnect together spread out (§1.4). */
  random: () => number;
}

export const DEFAULT_TIMINGS: GatewayTimings = { helloTimeoutMs: 20_000, readyTimeoutMs: 15_000, random: Math.random };

/** Close codes after which retrying cannot help (§1.9). */
const FATAL_CLOSES = new Map<number, string>([
  [GatewayCloseCodes.AuthenticationFailed, 'authentication failed (token rejected)'],
  [GatewayCloseCodes.InvalidShard, 'invalid shard'],
  [GatewayCloseCodes.ShardingRequired, 'sharding required'],
  [GatewayCloseCodes.InvalidAPIVersion, 'invalid API version'],
  [GatewayCloseCodes.InvalidIntents, 'invalid intents'],
  [GatewayCloseCodes.DisallowedIntents, 'disallowed intents'],
]);

/** Close codes after which the session is gone and only a fresh IDENTIFY helps (§1.9). */
const SESSION_ENDING_CLOSES = new Set<number>([
  GatewayCloseCodes.NotAuthenticated,
  GatewayCloseCodes.AlreadyAuthenticated,
  GatewayCloseCodes.InvalidSeq,
  GatewayCloseCodes.RateLimited,
  GatewayCloseCodes.SessionTimedOut,
]);

/** Discord's default, for a HELLO that names no interval. */
const DEFAULT_HEARTBEAT_MS = 41_250;

/** closed: no socket; hello: open, waiting for HELLO; handshake: IDENTIFY/RESUME sent; live: READY/RESUMED seen. */
type Phase = 'closed' | 'hello' | 'handshake' | 'live';

export class UserGatewayState {
  seq: number | null = null;
  sessionId: string | undefined;
  resumeUrl: string | undefined;
  private phase: Phase = 'closed';
  private awaitingAck = false;
  /** The session id last reported (a `session` action): READY's, or a handed-over one once RESUMED. */
  private announced: string | undefined;

  constructor(
    private readonly token: string,
    private readonly timings: GatewayTimings = DEFAULT_TIMINGS,
    /** IDENTIFY's `properties`: the same browser the account's REST calls and handshake claim (§1.5). */
    private readonly identity: BrowserIdentity = DEFAULT_BROWSER_IDENTITY,
    /** A session another process left resumable: the first connection RESUMEs it. */
    resumeFrom?: ResumeState,
  ) {
    if (resumeFrom) {
      this.sessionId = resumeFrom.sessionId;
      this.seq = resumeFrom.seq;
      this.resumeUrl = resumeFrom.resumeUrl;
    }
  }

  /** What another connection needs to RESUME this session; undefined when there is none to resume. */
  get resumeState(): ResumeState | undefined {
    return this.canResume() ? { sessionId: this.sessionId!, seq: this.seq!, resumeUrl: this.resumeUrl } : undefined;
  }

  /** READY or RESUMED seen on the current socket: dispatches flow. */
  get live(): boolean {
    return this.phase === 'live';
  }

  /** A socket opened: wait for HELLO before identifying, as discord.js does. */
  onOpen(): GatewayAction[] {
    this.phase = 'hello';
    this.awaitingAck = false;
    return [{ type: 'deadline', name: 'hello', ms: this.timings.helloTimeoutMs }];
  }

  onFrame(frame: GatewayFrame): GatewayAction[] {
    switch (frame.op) {
      case GatewayOpcodes.Hello:
        return this.onHello(frame.d as Partial<GatewayHelloData> | undefined);
      case GatewayOpcodes.HeartbeatAck:
        this.awaitingAck = false;
        return [];
      case GatewayOpcodes.Heartbeat:
        // Asked for a beat at once; it expects an ACK like any other.
        return this.phase === 'closed' ? [] : [this.beat()];
      case GatewayOpcodes.Reconnect:
        return this.reconnect(true, 'server asked to reconnect (op 7)');
      case GatewayOpcodes.InvalidSession: {
        const resumable = frame.d === true;
        const forgotten = resumable ? [] : this.forgetSession();
        return [...forgotten, ...this.reconnect(resumable, `invalid session (resumable: ${resumable})`)];
      }
      case GatewayOpcodes.Dispatch:
        return this.onDispatch(frame);
      default:
        return [];
    }
  }

  /** A heartbeat is due; the previous one still unacknowledged means a zombie socket (§1.4). */
  onHeartbeatDue(): GatewayAction[] {
    if (this.phase === 'closed' || this.phase === 'hello') return [];
    if (this.awaitingAck) return this.reconnect(this.canResume(), 'heartbeat not acknowledged (zombie connection)');
    return [this.beat()];
  }

  /** A deadline ran out; a stale one (its phase already left) is ignored. */
  onDeadline(name: Deadline): GatewayAction[] {
    if (name === 'hello' && this.phase === 'hello') return this.reconnect(this.canResume(), `no HELLO within ${this.timings.helloTimeoutMs} ms`);
    if (name === 'ready' && this.phase === 'handshake') {
      return this.reconnect(this.canResume(), `no READY/RESUMED within ${this.timings.readyTimeoutMs} ms`);
    }
    return [];
  }

  onClose(code: number): GatewayAction[] {
    this.phase = 'closed';
    const fatal = FATAL_CLOSES.get(code);
    if (fatal) return [{ type: 'fatal', reason: `gateway closed ${code}: ${fatal}` }];
    const forgotten = SESSION_ENDING_CLOSES.has(code) ? this.forgetSession() : [];
    return [...forgotten, { type: 'reconnect', resume: this.canResume(), reason: `gateway closed ${code}` }];
  }

  private onHello(d: Partial<GatewayHelloData> | undefined): GatewayAction[] {
    if (this.phase !== 'hello') return []; // a second HELLO must not identify twice (4005)
    this.phase = 'handshake';
    const interval = d?.heartbeat_interval ?? DEFAULT_HEARTBEAT_MS;
    const start: GatewaySendFrame = this.canResume()
      ? { op: GatewayOpcodes.Resume, d: { token: this.token, session_id: this.sessionId!, seq: this.seq! } }
      : this.identifyFrame();
    return [
      { type: 'deadline-met', name: 'hello' },
      { type: 'heartbeat', firstMs: Math.floor(interval * this.timings.random()), everyMs: interval },
      { type: 'send', frame: start },
      { type: 'deadline', name: 'ready', ms: this.timings.readyTimeoutMs },
    ];
  }

  private onDispatch(frame: GatewayFrame): GatewayAction[] {
    if (typeof frame.s === 'number') this.seq = frame.s;
    if (!frame.t) return [];
    const actions: GatewayAction[] = [];
    if (frame.t === GatewayDispatchEvents.Ready || frame.t === GatewayDispatchEvents.Resumed) {
      this.phase = 'live';
      actions.push({ type: 'deadline-met', name: 'ready' });
    }
    if (frame.t === GatewayDispatchEvents.Ready) {
      const d = (frame.d ?? {}) as Partial<Pick<GatewayReadyDispatchData, 'session_id' | 'resume_gateway_url'>>;
      this.resumeUrl = d.resume_gateway_url;
      this.sessionId = d.session_id;
    }
    if (frame.t === GatewayDispatchEvents.Ready || frame.t === GatewayDispatchEvents.Resumed) actions.push(...this.announce());
    actions.push({ type: 'dispatch', event: frame.t, data: frame.d });
    return actions;
  }

  private beat(): GatewayAction {
    this.awaitingAck = true;
    return { type: 'send', frame: { op: GatewayOpcodes.Heartbeat, d: this.seq } };
  }

  private reconnect(resume: boolean, reason: string): GatewayAction[] {
    this.phase = 'closed';
    return [{ type: 'reconnect', resume, reason }];
  }

  private canResume(): boolean {
    return this.sessionId !== undefined && this.seq !== null;
  }

  /** Reports the live session once per id: a RESUME of our own session reports nothing new. */
  private announce(): GatewayAction[] {
    if (this.announced === this.sessionId) return [];
    this.announced = this.sessionId;
    return [{ type: 'session', sessionId: this.sessionId }];
  }

  private forgetSession(): GatewayAction[] {
    const had = this.announced !== undefined;
    this.sessionId = undefined;
    this.announced = undefined;
    this.resumeUrl = undefined;
    this.seq = null;
    return had ? [{ type: 'session', sessionId: undefined }] : [];
  }

  private identifyFrame(): UserIdentify {
    return {
      op: GatewayOpcodes.Identify,
      d: { token: this.token, capabilities: 16381, properties: { ...this.identity }, compress: false },
    };
  }
}

/**
 * The user-session side of the Discord gateway as a pure state machine (protocol §1): it turns
 * received frames and timer ticks into frames to send and decisions, with no sockets involved,
 * so the protocol can be tested on its own.
 */
export interface GatewayFrame {
  op: number;
  d?: unknown;
  s?: number | null;
  t?: string | null;
}

export type GatewayAction =
  | { type: 'send'; frame: GatewayFrame }
  | { type: 'heartbeat-every'; ms: number }
  | { type: 'dispatch'; event: string; data: unknown }
  | { type: 'reconnect'; resume: boolean }
  | { type: 'fatal'; reason: string };

export const OP = { DISPATCH: 0, HEARTBEAT: 1, IDENTIFY: 2, RESUME: 6, RECONNECT: 7, INVALID_SESSION: 9, HELLO: 10, ACK: 11 } as const;

/** Close codes after which retrying cannot help (§1.9). */
const FATAL_CLOSES: Record<number, string> = {
  4004: 'authentication failed (token rejected)',
  4010: 'invalid shard',
  4011: 'sharding required',
  4012: 'invalid API version',
  4013: 'invalid intents',
  4014: 'disallowed intents',
};

export class UserGatewayState {
  seq: number | null = null;
  sessionId: string | undefined;
  resumeUrl: string | undefined;
  private awaitingAck = false;

  constructor(private readonly token: string) {}

  /** What to do when a connection opens: user clients may identify at once (§1.5), or resume. */
  onOpen(): GatewayAction[] {
    this.awaitingAck = false;
    if (this.sessionId && this.seq !== null) {
      return [{ type: 'send', frame: { op: OP.RESUME, d: { token: this.token, session_id: this.sessionId, seq: this.seq } } }];
    }
    return [{ type: 'send', frame: this.identifyFrame() }];
  }

  onFrame(frame: GatewayFrame): GatewayAction[] {
    switch (frame.op) {
      case OP.HELLO: {
        const ms = (frame.d as { heartbeat_interval?: number } | undefined)?.heartbeat_interval ?? 41_250;
        return [{ type: 'heartbeat-every', ms }];
      }
      case OP.ACK:
        this.awaitingAck = false;
        return [];
      case OP.HEARTBEAT:
        return [{ type: 'send', frame: { op: OP.HEARTBEAT, d: this.seq } }];
      case OP.RECONNECT:
        return [{ type: 'reconnect', resume: true }];
      case OP.INVALID_SESSION:
        if (frame.d !== true) this.forgetSession();
        return [{ type: 'reconnect', resume: frame.d === true }];
      case OP.DISPATCH:
        return this.onDispatch(frame);
      default:
        return [];
    }
  }

  /** A heartbeat is due; an unacknowledged previous one means a zombie connection (§1.4). */
  onHeartbeatDue(): GatewayAction[] {
    if (this.awaitingAck) return [{ type: 'reconnect', resume: true }];
    this.awaitingAck = true;
    return [{ type: 'send', frame: { op: OP.HEARTBEAT, d: this.seq } }];
  }

  onClose(code: number): GatewayAction[] {
    const fatal = FATAL_CLOSES[code];
    if (fatal) return [{ type: 'fatal', reason: `gateway closed ${code}: ${fatal}` }];
    // 4003/4005/4007/4008 want a fresh IDENTIFY; everything else may resume (§1.9).
    if ([4003, 4005, 4007, 4008].includes(code)) this.forgetSession();
    return [{ type: 'reconnect', resume: this.sessionId !== undefined }];
  }

  private onDispatch(frame: GatewayFrame): GatewayAction[] {
    if (typeof frame.s === 'number') this.seq = frame.s;
    if (frame.t === 'READY') {
      const d = frame.d as { session_id?: string; resume_gateway_url?: string };
      this.sessionId = d.session_id;
      this.resumeUrl = d.resume_gateway_url;
    }
    return frame.t ? [{ type: 'dispatch', event: frame.t, data: frame.d }] : [];
  }

  private forgetSession(): void {
    this.sessionId = undefined;
    this.resumeUrl = undefined;
    this.seq = null;
  }

  private identifyFrame(): GatewayFrame {
    // A user session: no intents and no shard, a capabilities bitfield instead (§1.5).
    return {
      op: OP.IDENTIFY,
      d: { token: this.token, capabilities: 16381, properties: { os: 'linux', browser: 'mjq', device: '' }, compress: false },
    };
  }
}

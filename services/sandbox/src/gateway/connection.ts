import WebSocket, { type RawData } from 'ws';
import type { RuntimeConfig } from '../config.js';
import type { World } from '../world.js';
import { applicationFlags, checkIntents, Intents } from './intents.js';
import { readyPayload } from './ready.js';
import type { Frame, GatewaySession, SessionSocket } from './session.js';
import type { SessionRegistry } from './session-registry.js';

export interface GatewayContext {
  world: World;
  sessions: SessionRegistry;
  config: () => RuntimeConfig;
  /** The gateway's own URL, handed out as `resume_gateway_url` (no trailing slash). */
  gatewayUrl: string;
  log: (msg: string) => void;
}

/** Opcodes only the server sends; a client sending one is speaking nonsense (§1.3). */
const SERVER_ONLY_OPS = new Set([0, 7, 9, 10, 11]);

/** One WebSocket speaking the gateway protocol (§1.3–§1.9). */
export class GatewayConnection implements SessionSocket {
  private session: GatewaySession | null = null;
  /** A stall fault: the socket stays open but the server behind it says and answers nothing. */
  private stalled: boolean;

  constructor(
    private readonly ws: WebSocket,
    private readonly version: number,
    private readonly ctx: GatewayContext,
  ) {
    ws.on('message', (data, isBinary) => this.receive(data, isBinary));
    ws.on('close', (code) => this.session?.detach(this, Date.now(), code));
    ws.on('error', (err) => ctx.log(`gateway socket error: ${err.message}`));
    this.stalled = ctx.sessions.takeSilentConnection();
    // §1.4: HELLO at once. User clients may IDENTIFY before reading it, which is fine.
    this.send({ op: 10, d: { heartbeat_interval: ctx.config().heartbeatIntervalMs }, s: null, t: null });
  }

  send(frame: Frame): void {
    if (this.stalled) return;
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify(frame));
  }

  close(code: number, reason: string): void {
    this.ws.close(code, reason);
  }

  stall(): void {
    this.stalled = true;
  }

  private receive(data: RawData, isBinary: boolean): void {
    const payload = isBinary ? undefined : parseFrame(data.toString());
    if (this.stalled) {
      if (payload?.op === 1) this.session?.heartbeatSwallowed(this);
      return;
    }
    if (!payload) return this.close(4002, 'Error while decoding payload.');
    const { op, d } = payload;
    if (op === 1) return this.send({ op: 11, d: null, s: null, t: null }); // ACK every beat, whatever d (§1.4)
    if (op === 2) return this.identify(asRecord(d));
    if (op === 6) return this.resume(asRecord(d));
    if (SERVER_ONLY_OPS.has(op)) return this.close(4001, 'Unknown opcode.');
    if (!this.session) return this.close(4003, 'Not authenticated.');
    // Presence (3) and the other client ops (voice, member requests, user-client subscriptions) are ignored.
  }

  private identify(d: Record<string, unknown>): void {
    if (this.session) return this.close(4005, 'Already authenticated.');
    const identity = this.ctx.world.identityFromGatewayToken(d.token);
    if (!identity) return this.close(4004, 'Authentication failed.');
    let intents: number | null = null;
    let shard: [number, number] = [0, 1];
    const config = this.ctx.config();
    if (identity.kind === 'bot') {
      const check = checkIntents(d.intents, config.privilegedIntents);
      if (!check.ok) return this.close(check.code, check.reason);
      intents = check.intents;
      if (d.shard !== undefined) {
        const parsed = parseShard(d.shard);
        if (!parsed) return this.close(4010, 'Invalid shard.');
        shard = parsed;
      }
    }
    const session = this.ctx.sessions.create(identity, intents);
    session.properties = typeof d.properties === 'object' && d.properties !== null ? (d.properties as Record<string, unknown>) : null;
    this.session = session;
    session.attach(this);
    this.ctx.log(`gateway: ${identity.kind} ${identity.user.username} identified, session ${session.id}`);
    session.dispatch(
      'READY',
      readyPayload(session, {
        world: this.ctx.world,
        version: this.version,
        resumeGatewayUrl: this.ctx.gatewayUrl,
        shard,
        applicationFlags: applicationFlags(config.privilegedIntents),
      }),
    );
    // §1.6: discord.js becomes ready only after one GUILD_CREATE per READY guild.
    if (intents !== null && (intents & Intents.Guilds) !== 0) session.dispatch('GUILD_CREATE', this.ctx.world.guildCreate());
  }

  /** §1.8: replay what the client missed, then RESUMED; op 9 `false` when that is impossible. */
  private resume(d: Record<string, unknown>): void {
    const identity = this.ctx.world.identityFromGatewayToken(d.token);
    if (!identity) return this.close(4004, 'Authentication failed.');
    const session = this.ctx.sessions.get(d.session_id);
    const seq = typeof d.seq === 'number' ? d.seq : 0;
    const missed = session?.identity === identity ? session.missedSince(seq) : undefined;
    if (!session || !missed) return this.send({ op: 9, d: false, s: null, t: null });
    this.session = session;
    session.resume(this);
    for (const frame of missed) this.send(frame);
    session.dispatch('RESUMED', {});
    this.ctx.log(`gateway: session ${session.id} resumed after seq ${seq}, ${missed.length} replayed`);
  }
}

function parseFrame(text: string): { op: number; d: unknown } | undefined {
  try {
    const value: unknown = JSON.parse(text);
    const op = (value as { op?: unknown } | null)?.op;
    return typeof op === 'number' && Number.isInteger(op) ? { op, d: (value as { d?: unknown }).d } : undefined;
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function parseShard(value: unknown): [number, number] | undefined {
  if (!Array.isArray(value) || value.length !== 2) return undefined;
  const [id, count] = value as unknown[];
  const ok = Number.isInteger(id) && Number.isInteger(count) && (count as number) >= 1 && (id as number) >= 0 && (id as number) < (count as number);
  return ok ? [id as number, count as number] : undefined;
}

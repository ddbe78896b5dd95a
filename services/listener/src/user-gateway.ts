import got from 'got';
import WebSocket from 'ws';
import { browserHeaders, type BrowserIdentity, DEFAULT_BROWSER_IDENTITY, DIRECT, type Logger, metrics, type ProxyRoutes, type ResumeState } from '@mjq/common';
import { describeAnswer, DiscordRequestError, readDiscordError, type DiscordRequestContext } from '@mjq/discord';
import { DEFAULT_TIMINGS, UserGatewayState, type Deadline, type GatewayAction, type GatewayFrame } from './gateway-protocol.js';
import { ConnectionTimers } from './gateway-timers.js';

export interface UserGatewayOptions {
  apiUrl: string;
  token: string;
  /** The browser this account claims to be: handshake User-Agent and IDENTIFY `properties`; default Chrome on Windows. */
  browser?: BrowserIdentity;
  /** The way out to Discord (DISCORD_PROXY, NO_PROXY); default direct. */
  routes?: ProxyRoutes;
  /** The account's own proxy, over DISCORD_PROXY. */
  proxy?: string;
  log: Logger;
  onDispatch: (event: string, data: unknown) => void;
  /** The gateway refused the token for good (e.g. close 4004). */
  onFatal: (reason: string) => void;
  /**
   * The live session id: READY's, kept across RESUMEs; undefined once the session is gone (a new
   * IDENTIFY follows and reports its own) and on stop.
   */
  onSession?: (sessionId: string | undefined) => void;
  /** How long a new socket may stay silent before HELLO; default 20 s. */
  helloTimeoutMs?: number;
  /** How long IDENTIFY/RESUME may go unanswered by READY/RESUMED; default 15 s. */
  readyTimeoutMs?: number;
  /** Jitter source for the first heartbeat, uniform in [0, 1); default Math.random. */
  random?: () => number;
  /** A session a stopped listener handed over (GatewayHandoffs): RESUMEd instead of a new IDENTIFY. */
  resumeFrom?: ResumeState;
}

/**
 * Closing with 1000/1001 ends the session on Discord's side; any other code keeps it resumable.
 * discord.js uses 4200 for the same purpose; 4000 is what the sandbox and Discord send themselves.
 */
const RESUMABLE_CLOSE = 4000;

/**
 * One user-gateway session (the account view, design.md): discord.js cannot log in as a user, so
 * this small client on `ws` keeps a session alive — heartbeats, deadlines for HELLO and READY,
 * resume after drops and zombie sockets, re-identify when the session is gone — and hands every
 * dispatch to the listener. The protocol decisions are in gateway-protocol.ts.
 */
export class UserGateway {
  private readonly state: UserGatewayState;
  private readonly timers = new ConnectionTimers<Deadline>();
  private readonly handshakeTimeoutMs: number;
  private socket: WebSocket | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  private readonly browser: BrowserIdentity;
  /** The URL from GET /gateway; resumes go to READY's resume_gateway_url instead (§1.8). */
  private baseUrl: string | undefined;

  constructor(private readonly opts: UserGatewayOptions) {
    const timings = {
      helloTimeoutMs: opts.helloTimeoutMs ?? DEFAULT_TIMINGS.helloTimeoutMs,
      readyTimeoutMs: opts.readyTimeoutMs ?? DEFAULT_TIMINGS.readyTimeoutMs,
      random: opts.random ?? DEFAULT_TIMINGS.random,
    };
    // A socket that never even opens is as dead as one that never says HELLO.
    this.handshakeTimeoutMs = timings.helloTimeoutMs;
    this.browser = opts.browser ?? DEFAULT_BROWSER_IDENTITY;
    this.state = new UserGatewayState(opts.token, timings, this.browser, opts.resumeFrom);
  }

  /** Connected, with READY or RESUMED seen: Midjourney's messages reach us. */
  get live(): boolean {
    return !this.stopped && this.state.live;
  }

  private get routes(): ProxyRoutes {
    return this.opts.routes ?? DIRECT;
  }

  async start(): Promise<void> {
    this.baseUrl = await this.discover();
    this.connect(this.state.resumeState?.resumeUrl ?? this.baseUrl);
  }

  /** GET /gateway (§1.1): where to connect. A failure says what Discord answered, if it did. */
  private async discover(): Promise<string> {
    try {
      const headers = browserHeaders(this.browser);
      const target = `${this.opts.apiUrl}/api/v9/gateway`;
      const agent = this.routes.gotAgents(target, this.opts.proxy);
      const { url } = await got(target, { headers, agent, timeout: { request: 10_000 } }).json<{ url: string }>();
      metrics.discordRequests.inc({ method: 'GET', route: '/gateway', status: '200' });
      return url;
    } catch (err) {
      // got's HTTPError carries the answer; of anything else only the message (never the options).
      const res = (err as { response?: { statusCode?: number; body?: unknown } }).response;
      metrics.discordRequests.inc({ method: 'GET', route: '/gateway', status: String(res?.statusCode ?? 'error') });
      const context: DiscordRequestContext = { method: 'GET', route: '/gateway' };
      if (!res) throw new DiscordRequestError(`GET /gateway: ${(err as Error).message}`, context);
      Object.assign(context, { status: res.statusCode }, readDiscordError(parseJson(res.body)));
      throw new DiscordRequestError(`GET /gateway: ${describeAnswer(context)}`, context);
    }
  }

  /**
   * Ends this connection. `handOff`: the session is left resumable (closed with a code other
   * than 1000) and its resume state returned, for another process to RESUME it; otherwise
   * the session ends with the connection.
   */
  stop(options: { handOff?: boolean } = {}): ResumeState | undefined {
    if (this.stopped) return undefined;
    this.stopped = true;
    this.timers.clear();
    clearTimeout(this.retry);
    const handOver = options.handOff ? this.state.resumeState : undefined;
    discard(this.socket, handOver ? RESUMABLE_CLOSE : 1000);
    this.socket = undefined;
    if (this.state.sessionId !== undefined) this.opts.onSession?.(undefined);
    return handOver;
  }

  private connect(url: string): void {
    this.baseUrl ??= url;
    // A browser's handshake: its User-Agent, and the page it runs on (Discord's web app) as Origin.
    const target = `${url.replace(/\/+$/, '')}/?v=9&encoding=json`;
    const socket = new WebSocket(target, {
      agent: this.routes.socketAgent(target, this.opts.proxy),
      handshakeTimeout: this.handshakeTimeoutMs,
      headers: browserHeaders(this.browser),
      origin: new URL(this.opts.apiUrl).origin,
    });
    this.socket = socket;
    socket.on('open', () => this.run(this.state.onOpen()));
    socket.on('message', (raw) => {
      const frame = parseFrame(raw.toString());
      if (frame) this.run(this.state.onFrame(frame));
      else this.opts.log.warn('bad gateway frame');
    });
    socket.on('close', (code) => {
      if (socket !== this.socket || this.stopped) return;
      this.timers.clear();
      this.run(this.state.onClose(code));
    });
    socket.on('error', (err) => this.opts.log.warn({ err: err.message }, 'user gateway socket error'));
  }

  private run(actions: GatewayAction[]): void {
    for (const action of actions) {
      if (this.stopped) return;
      switch (action.type) {
        case 'send':
          this.socket?.send(JSON.stringify(action.frame));
          break;
        case 'deadline':
          this.timers.deadline(action.name, action.ms, () => this.run(this.state.onDeadline(action.name)));
          break;
        case 'deadline-met':
          this.timers.cancel(action.name);
          // READY or RESUMED: the connection works again, so the next failure starts a fresh backoff.
          if (action.name === 'ready') this.failures = 0;
          break;
        case 'heartbeat':
          this.timers.heartbeat(action.firstMs, action.everyMs, () => this.run(this.state.onHeartbeatDue()));
          break;
        case 'dispatch':
          if (action.event === 'RESUMED') metrics.gatewayResumes.inc({ view: 'account' });
          // A failing consumer must not cut the protocol short (the actions after this one still run).
          try {
            this.opts.onDispatch(action.event, action.data);
          } catch (err) {
            this.opts.log.error({ err, event: action.event }, 'user gateway dispatch handler failed');
          }
          break;
        case 'session':
          this.opts.onSession?.(action.sessionId);
          break;
        case 'reconnect':
          this.opts.log.warn({ reason: action.reason, resume: action.resume }, 'user gateway reconnecting');
          metrics.gatewayReconnects.inc({ view: 'account', resume: String(action.resume) });
          this.reconnect(action.resume);
          break;
        case 'fatal':
          this.stop();
          this.opts.onFatal(action.reason);
          break;
      }
    }
  }

  private reconnect(resume: boolean): void {
    this.timers.clear();
    discard(this.socket, resume ? RESUMABLE_CLOSE : 1000);
    this.socket = undefined;
    // Back off on repeated failures: 0.5 s, 1 s, 2 s … up to 30 s.
    const delay = Math.min(30_000, 500 * 2 ** this.failures++);
    const url = (resume && this.state.resumeUrl) || this.baseUrl!;
    clearTimeout(this.retry);
    this.retry = setTimeout(() => !this.stopped && this.connect(url), delay);
  }
}

/** Closes a socket we are done with; its late events (including errors) must not reach us. */
function discard(socket: WebSocket | undefined, code: number): void {
  if (!socket) return;
  socket.removeAllListeners();
  socket.on('error', () => undefined);
  socket.close(code);
}

function parseJson(body: unknown): unknown {
  if (typeof body !== 'string' && !Buffer.isBuffer(body)) return body;
  try {
    return JSON.parse(body.toString()) as unknown;
  } catch {
    return undefined;
  }
}

function parseFrame(text: string): GatewayFrame | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof (value as GatewayFrame | null)?.op === 'number' ? (value as GatewayFrame) : undefined;
  } catch {
    return undefined;
  }
}

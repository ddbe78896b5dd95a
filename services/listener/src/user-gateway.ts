import got from 'got';
import WebSocket from 'ws';
import type { Logger } from '@mjq/common';
import { UserGatewayState, type GatewayAction } from './gateway-protocol.js';

export interface UserGatewayOptions {
  apiUrl: string;
  token: string;
  log: Logger;
  onDispatch: (event: string, data: unknown) => void;
  /** The gateway refused the token for good (e.g. close 4004). */
  onFatal: (reason: string) => void;
}

/**
 * One user-gateway session (the account view, design.md): discord.js cannot log in as a user, so
 * this small client on `ws` keeps a session alive — heartbeats, resume after drops, re-identify
 * when the session is gone — and hands every dispatch to the listener.
 */
export class UserGateway {
  private readonly state: UserGatewayState;
  private socket: WebSocket | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private retry: NodeJS.Timeout | undefined;
  private failures = 0;
  private stopped = false;
  /** The URL from GET /gateway; resumes go to READY's resume_gateway_url instead (§1.8). */
  private baseUrl: string | undefined;

  constructor(private readonly opts: UserGatewayOptions) {
    this.state = new UserGatewayState(opts.token);
  }

  async start(): Promise<void> {
    const { url } = await got(`${this.opts.apiUrl}/api/v9/gateway`, { timeout: { request: 10_000 } }).json<{ url: string }>();
    this.connect(url);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.heartbeat);
    clearTimeout(this.retry);
    this.socket?.removeAllListeners();
    this.socket?.on('error', () => undefined);
    this.socket?.close(1000);
  }

  private connect(url: string): void {
    this.baseUrl ??= url;
    const socket = new WebSocket(`${url}/?v=9&encoding=json`);
    this.socket = socket;
    socket.on('open', () => this.run(this.state.onOpen()));
    socket.on('message', (raw) => {
      try {
        this.run(this.state.onFrame(JSON.parse(raw.toString())));
      } catch (err) {
        this.opts.log.warn({ err: (err as Error).message }, 'bad gateway frame');
      }
    });
    socket.on('close', (code) => {
      if (socket !== this.socket || this.stopped) return;
      clearInterval(this.heartbeat);
      this.run(this.state.onClose(code));
    });
    socket.on('error', (err) => this.opts.log.warn({ err: err.message }, 'user gateway socket error'));
  }

  private run(actions: GatewayAction[]): void {
    for (const action of actions) {
      switch (action.type) {
        case 'send':
          this.socket?.send(JSON.stringify(action.frame));
          break;
        case 'heartbeat-every':
          clearInterval(this.heartbeat);
          this.heartbeat = setInterval(() => this.run(this.state.onHeartbeatDue()), action.ms);
          break;
        case 'dispatch':
          if (action.event === 'READY' || action.event === 'RESUMED') this.failures = 0;
          this.opts.onDispatch(action.event, action.data);
          break;
        case 'reconnect':
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
    clearInterval(this.heartbeat);
    const old = this.socket;
    this.socket = undefined;
    old?.removeAllListeners();
    old?.on('error', () => undefined);
    old?.close(resume ? 4000 : 1000);
    // Back off on repeated failures: 0.5 s, 1 s, 2 s … up to 30 s.
    const delay = Math.min(30_000, 500 * 2 ** this.failures++);
    const url = (resume && this.state.resumeUrl) || this.baseUrl!;
    this.retry = setTimeout(() => !this.stopped && this.connect(url), delay);
  }
}

import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket from 'ws';
import { startSandbox, type Sandbox } from '../src/index.js';

export interface Frame {
  op: number;
  d: any;
  s: number | null;
  t: string | null;
}

/** A bare gateway client that records every frame, for protocol-level assertions. */
export class RawGateway {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private readonly listeners = new Set<() => void>();

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.frames.push(JSON.parse(data.toString()) as Frame);
      for (const notify of this.listeners) notify();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  /** Opens a socket; `onOpen` runs before any frame is read (to IDENTIFY before HELLO). */
  static open(url: string, onOpen?: (gw: RawGateway) => void): Promise<RawGateway> {
    const gw = new RawGateway(new WebSocket(url));
    return new Promise((resolve, reject) => {
      gw.ws.once('open', () => {
        onOpen?.(gw);
        resolve(gw);
      });
      gw.ws.once('error', reject);
    });
  }

  send(op: number, d: unknown): void {
    this.ws.send(JSON.stringify({ op, d }));
  }

  /** The first recorded frame (past or future) matching `match`. */
  waitFor(match: (f: Frame) => boolean, timeoutMs = 15_000): Promise<Frame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.frames.find(match);
        if (!found) return false;
        this.listeners.delete(listener);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const listener = () => void check();
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no matching frame within ${timeoutMs} ms; got ${this.frames.map((f) => f.t ?? `op${f.op}`).join(', ')}`));
      }, timeoutMs);
      this.listeners.add(listener);
      check();
    });
  }

  dispatch(t: string, extra: (d: any) => boolean = () => true, timeoutMs?: number): Promise<Frame> {
    return this.waitFor((f) => f.op === 0 && f.t === t && extra(f.d), timeoutMs);
  }

  /**
   * A marker for "nothing else arrived" checks: sends a heartbeat and waits for its ACK. One
   * socket is ordered, so once the ACK is here, so is every dispatch the server sent before it.
   */
  async flush(): Promise<void> {
    const from = this.frames.length;
    this.send(1, null);
    await this.waitFor((f) => f.op === 11 && this.frames.indexOf(f) >= from);
  }

  close(): void {
    this.ws.close();
  }
}

export const BOT_INTENTS = 1 | 512 | 32768;

export function identifyBot(gw: RawGateway, sandbox: Sandbox, intents = BOT_INTENTS): void {
  gw.send(2, { token: sandbox.botToken, intents, shard: [0, 1], properties: { os: 'linux', browser: 'test', device: 'test' } });
}

export function identifyUser(gw: RawGateway, sandbox: Sandbox): void {
  gw.send(2, { token: sandbox.userToken, capabilities: 8189, properties: { os: 'Mac OS X', browser: 'Chrome', device: '' }, compress: false });
}

export function userHeaders(sandbox: Sandbox): Record<string, string> {
  return { Authorization: sandbox.userToken, 'Content-Type': 'application/json' };
}

export async function findCommand(sandbox: Sandbox, name: string): Promise<{ id: string; version: string }> {
  const res = await fetch(`${sandbox.apiBase}/v9/guilds/${sandbox.guildId}/application-command-index`, { headers: userHeaders(sandbox) });
  const index = (await res.json()) as { application_commands: Array<{ id: string; version: string; name: string }> };
  const command = index.application_commands.find((c) => c.name === name);
  if (!command) throw new Error(`no command ${name}`);
  return command;
}

let nonceCounter = 0;
export const newNonce = (): string => `1290000000000${String(++nonceCounter).padStart(6, '0')}`;
export const newSessionId = (): string => randomBytes(16).toString('hex');

/**
 * The id of a connected gateway session of the user (the driver by default), as a real client
 * sends its own: INTERACTION_* events go to the session an interaction names, and only there.
 * A made-up id when the user has none open (nobody listens for those events then).
 */
export function liveSessionId(sandbox: Sandbox, userId = sandbox.userId): string {
  const session = sandbox.state.sessions.live().find((s) => s.identity.kind === 'user' && s.identity.user.id === userId && s.connected);
  return session?.id ?? newSessionId();
}

export function commandPayload(
  sandbox: Sandbox,
  command: { id: string; version: string },
  name: string,
  options: Array<{ type: number; name: string; value: unknown }>,
  extra: { nonce?: string; sessionId?: string } = {},
): Record<string, unknown> {
  return {
    type: 2,
    application_id: sandbox.applicationId,
    guild_id: sandbox.guildId,
    channel_id: sandbox.channelId,
    session_id: extra.sessionId ?? liveSessionId(sandbox),
    nonce: extra.nonce ?? newNonce(),
    data: { version: command.version, id: command.id, name, type: 1, options, attachments: [] },
  };
}

export function buttonPayload(sandbox: Sandbox, messageId: string, customId: string): Record<string, unknown> {
  return {
    type: 3,
    application_id: sandbox.applicationId,
    guild_id: sandbox.guildId,
    channel_id: sandbox.channelId,
    message_id: messageId,
    message_flags: 0,
    session_id: liveSessionId(sandbox),
    nonce: newNonce(),
    data: { component_type: 2, custom_id: customId },
  };
}

export function postInteraction(sandbox: Sandbox, body: unknown, token = sandbox.userToken): Promise<Response> {
  return fetch(`${sandbox.apiBase}/v9/interactions`, {
    method: 'POST',
    headers: { Authorization: token, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export async function imagine(sandbox: Sandbox, prompt: string, extra: { nonce?: string; sessionId?: string } = {}): Promise<Response> {
  const command = await findCommand(sandbox, 'imagine');
  return postInteraction(sandbox, commandPayload(sandbox, command, 'imagine', [{ type: 3, name: 'prompt', value: prompt }], extra));
}

/** Polls until `probe` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The live result message of an /imagine, found by its prompt in the sandbox's store. */
export function resultOf(sandbox: Sandbox, prompt: string) {
  return sandbox.state.messages
    .all()
    .find((m) => !m.deleted && m.message.content.startsWith(`**${prompt}**`) && m.message.components.length > 0)?.message;
}

/**
 * The set-up most sandbox suites share: one instant sandbox for the suite, a user gateway socket
 * identified and READY (recording every frame), and a reset of the sandbox and the recorded
 * frames after each test. Registers the hooks; `use` receives the two once they are up.
 */
export function withSandboxAndUser(use: (sandbox: Sandbox, user: RawGateway) => void, options: { speed?: 'instant' } = {}): void {
  let sandbox: Sandbox | undefined;
  let user: RawGateway | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: options.speed ?? 'instant' });
    user = await RawGateway.open(sandbox.gatewayUrl);
    identifyUser(user, sandbox);
    await user.dispatch('READY');
    use(sandbox, user);
  });
  afterEach(async () => {
    await fetch(`${sandbox!.url}/_sandbox/reset`, { method: 'POST' });
    user!.frames.length = 0;
  });
  afterAll(async () => {
    user?.close();
    await sandbox?.stop();
  });
}

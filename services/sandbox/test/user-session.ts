import type { Sandbox } from '../src/index.js';
import { commandPayload, findCommand, newNonce, postInteraction, RawGateway, type Frame } from './helpers.js';

/**
 * A user account's gateway session over a bare `ws`, identified and READY, recording every
 * dispatch: what a user-token driver sees, for assertions on who received what.
 */
export class UserSession {
  private constructor(
    readonly gw: RawGateway,
    readonly userId: string,
    readonly sessionId: string,
    readonly token: string,
  ) {}

  static async open(sandbox: Sandbox, token = sandbox.userToken): Promise<UserSession> {
    const gw = await RawGateway.open(`${sandbox.gatewayUrl}/?encoding=json&v=9`);
    gw.send(2, { token, capabilities: 8189, properties: { os: 'Mac OS X', browser: 'Chrome', device: '' }, compress: false });
    const ready = await gw.dispatch('READY');
    return new UserSession(gw, ready.d.user.id as string, ready.d.session_id as string, token);
  }

  /** Dispatches received so far, optionally of one event type. */
  dispatches(t?: string): Frame[] {
    return this.gw.frames.filter((f) => f.op === 0 && (t === undefined || f.t === t));
  }

  next(t: string, match: (d: any) => boolean = () => true, timeoutMs?: number): Promise<Frame> {
    return this.gw.dispatch(t, match, timeoutMs);
  }

  /** Sends /imagine as this user, with this session's id (INTERACTION_* come back here). */
  async imagine(sandbox: Sandbox, prompt: string, nonce = newNonce()): Promise<{ status: number; nonce: string; res: Response }> {
    const command = await findCommand(sandbox, 'imagine');
    const body = commandPayload(sandbox, command, 'imagine', [{ type: 3, name: 'prompt', value: prompt }], { nonce, sessionId: this.sessionId });
    const res = await postInteraction(sandbox, body, this.token);
    return { status: res.status, nonce, res };
  }

  /** The first Midjourney reply carrying `nonce` that is an embed (an error or notice, §5.1). */
  embedReply(nonce: string, timeoutMs?: number): Promise<Frame> {
    return this.next('MESSAGE_CREATE', (d) => d.nonce === nonce && d.embeds.length > 0, timeoutMs);
  }

  /** Every dispatch the sandbox sent this session so far has arrived (RawGateway.flush). */
  flush(): Promise<void> {
    return this.gw.flush();
  }

  close(): void {
    this.gw.close();
  }
}

/**
 * A marker for "nothing else happens" checks on an in-process sandbox: answers to a later
 * request. The sandbox hands an interaction to Midjourney right after answering it (a job is
 * counted as it starts), so once it has answered a request sent after that answer, every
 * interaction answered before has been handed over and every job it started is counted.
 */
export async function caughtUp(sandbox: Sandbox): Promise<void> {
  await (await fetch(`${sandbox.url}/_sandbox/state`)).arrayBuffer();
}

/** Posts a JSON body to a control route and returns the parsed answer. */
export async function control(sandbox: Sandbox, path: string, body: unknown = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${sandbox.url}/_sandbox/${path}`, { method: 'POST', body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

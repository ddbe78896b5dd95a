import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountRegistry, TaskEventPublisher, TaskStore } from '@mjq/common';
import type { Sandbox, SessionInfo } from '@mjq/sandbox';
import { AccountGateways } from '../src/account-gateways.js';
import type { GatewayMessageEvent } from '../src/gateway-events.js';
import { UserGateway } from '../src/user-gateway.js';
import { pollUntil } from '../../../tests/support/poll.js';
import { startAccountViewHarness, type AccountViewHarness } from './account-view-harness.js';
import { SessionPublisher } from '../src/session-publisher.js';

/**
 * The account view against a zombie gateway: the sandbox's stall fault keeps a socket open but
 * silent (no heartbeat ACKs, no dispatches) while the session keeps what it would have sent. The
 * client must notice by its heartbeats alone, RESUME the same session on a new socket, and so see
 * every Midjourney message exactly once.
 */
const HEARTBEAT_MS = 1_000;
let h: AccountViewHarness;
let store: TaskStore;
let registry: AccountRegistry;
let events: TaskEventPublisher;
let sandbox: Sandbox;
let log: AccountViewHarness['log'];
const accountSessions = () => h.accountSessions();

beforeAll(async () => {
  h = await startAccountViewHarness('gateway-liveness', { idleTimeoutS: 60, sandbox: { heartbeatIntervalMs: HEARTBEAT_MS } });
  ({ store, registry, events, sandbox, log } = h);
});
afterAll(() => h?.stop());

/** The sandbox's view of a user's gateway sessions. */
const sessionsOf = (userId: string): SessionInfo[] => sandbox.state.sessions.live().flatMap((s) => (s.identity.user.id === userId ? [s.info()] : []));

async function imagineAs(token: string, prompt: string): Promise<number> {
  const headers = { authorization: token, 'content-type': 'application/json' };
  const index = (await (await fetch(`${sandbox.apiBase}/v9/guilds/${sandbox.guildId}/application-command-index`, { headers })).json()) as {
    application_commands: { id: string; version: string; name: string }[];
  };
  const imagine = index.application_commands.find((c) => c.name === 'imagine')!;
  const res = await fetch(`${sandbox.apiBase}/v9/interactions`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      type: 2,
      application_id: sandbox.applicationId,
      guild_id: sandbox.guildId,
      channel_id: sandbox.channelId,
      session_id: 'b3d7a1f0c9e24c5aa0f1d2e3c4b5a697',
      nonce: '1290000000000000077',
      data: { version: imagine.version, id: imagine.id, name: 'imagine', type: 1, options: [{ type: 3, name: 'prompt', value: prompt }], attachments: [] },
    }),
  });
  return res.status;
}

/** What a message frame or event says, comparable across the two. */
const describeEvent = (e: GatewayMessageEvent) => [e.kind, e.message.id, 'content' in e.message ? e.message.content : null];
const KINDS: Record<string, GatewayMessageEvent['kind']> = { MESSAGE_CREATE: 'create', MESSAGE_UPDATE: 'update', MESSAGE_DELETE: 'delete' };

describe('account view liveness', () => {
  it('detects a stalled socket by its heartbeats, RESUMEs the same session and sees every message sent meanwhile exactly once', async () => {
    await registry.put({ id: 'live', guildId: sandbox.guildId, channelId: sandbox.channelId, userToken: sandbox.userToken });
    const seen: GatewayMessageEvent[] = [];
    const gateways = new AccountGateways({ registry, store, events, apiUrl: sandbox.url, midjourneyId: sandbox.applicationId, log, onEvent: (e) => seen.push(e), syncMs: 60_000, sessions: new SessionPublisher(accountSessions(), log) });
    await gateways.start();
    try {
      const [identified] = await pollUntil(async () => sessionsOf(sandbox.userId), (s) => s.length === 1 && s[0]!.connected);
      expect(sandbox.stallAll({ userId: sandbox.userId })).toBe(1);
      expect(await imagineAs(sandbox.userToken, 'a fox in the fog')).toBe(204);

      const [after] = await pollUntil(async () => sessionsOf(sandbox.userId), (s) => s[0]?.resumes === 1 && s[0].connected);
      // The same session, resumed, not a new IDENTIFY.
      expect(sessionsOf(sandbox.userId)).toHaveLength(1);
      expect(after!.id).toBe(identified!.id);
      const stall = after!.stall!;
      // Closed by the client, resumably. At most one beat went unanswered before it gave up: it
      // noticed when the beat after the first unACKed one was due, within two heartbeat intervals.
      expect(stall.closeCode).not.toBeNull();
      expect([1000, 1001]).not.toContain(stall.closeCode);
      expect(stall.heartbeats).toBeLessThanOrEqual(1);

      await pollUntil(async () => sandbox.state.jobs.snapshot().done, (done) => done === 1);
      const frames = sandbox.state.sessions.get(identified!.id)!.missedSince(stall.seq)!;
      const sent = frames.flatMap((f) => {
        const kind = f.t ? KINDS[f.t] : undefined;
        return kind ? [describeEvent({ kind, message: f.d } as GatewayMessageEvent)] : [];
      });
      // The stall really withheld messages: the RESUME replayed them.
      const resumedAt = frames.findIndex((f) => f.t === 'RESUMED');
      expect(frames.slice(0, resumedAt).filter((f) => f.t?.startsWith('MESSAGE_')).length).toBeGreaterThan(0);
      // The job ends with the progress message's delete: once that is in, everything before it is.
      await pollUntil(async () => seen.length, () => seen.some((e) => e.kind === 'delete'));
      expect(seen.map(describeEvent)).toEqual(sent);
    } finally {
      await gateways.stop();
    }
  });

  it('gives up on a new socket that never says HELLO and resumes on the next', async () => {
    const user = sandbox.addUser({ token: 'liveness-hello-user' });
    const sessionIds: Array<string | undefined> = [];
    const messages: string[] = [];
    const gateway = new UserGateway({
      apiUrl: sandbox.url,
      token: user.token,
      log,
      onDispatch: (event, data) => {
        if (event === 'MESSAGE_CREATE') messages.push((data as { content: string }).content);
      },
      onFatal: () => undefined,
      onSession: (id) => sessionIds.push(id),
      helloTimeoutMs: 500,
    });
    await gateway.start();
    try {
      await pollUntil(async () => sessionIds.length, (n) => n === 1);
      // The socket in use goes silent, and so does the next one to open (no HELLO at all).
      expect(sandbox.stallAll({ userId: user.id }, 1)).toBe(1);
      const res = await fetch(`${sandbox.apiBase}/v9/channels/${sandbox.channelId}/messages`, {
        method: 'POST',
        headers: { authorization: user.token, 'content-type': 'application/json' },
        body: JSON.stringify({ content: 'sent into the silence' }),
      });
      expect(res.status).toBe(200);
      const [after] = await pollUntil(async () => sessionsOf(user.id), (s) => s[0]?.resumes === 1 && s[0].connected);
      expect(after!.id).toBe(sessionIds[0]);
      await pollUntil(async () => messages, (m) => m.includes('sent into the silence'));
      expect(messages.filter((m) => m === 'sent into the silence')).toHaveLength(1);
      // One session throughout: never lost, never replaced.
      expect(sessionIds).toEqual([after!.id]);
    } finally {
      gateway.stop();
    }
  });
});
